// aws-local-stepfunctions 3 declares Node >= 22 and calls Promise.withResolvers (Node 22+) in its
// Task state. On Node 20 it would fail every Task, so the bench adds that one function when it is
// missing. asl-runtime does not use it.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
