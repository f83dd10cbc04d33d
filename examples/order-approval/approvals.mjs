// The "service call" of the approval task: publishing to an approvals topic. Here it just
// records the message so a person (or a test) can answer with its task token.
export function approvalInbox() {
  const messages = [];
  return {
    messages,
    handlers: {
      'arn:aws:states:::sns:publish.waitForTaskToken': async ({ Message }) => {
        messages.push(Message);
        return { MessageId: `msg-${messages.length}` };
      },
    },
  };
}
