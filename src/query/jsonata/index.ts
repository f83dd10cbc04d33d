/**
 * The JSONata query language of Amazon States Language: recognising `{% … %}` expressions,
 * compiling field templates once, evaluating them with `$states`, workflow variables and the
 * functions Step Functions adds, and reporting failures as AWS does.
 */
export { isJsonataExpression, expressionBody } from './detect.js';
export { compileJsonataTemplate, type JsonataBindings, type JsonataTemplate } from './template.js';
export { checkJsonata } from './check.js';
export { JsonataSyntaxError, unexpectedTypeError, jsonTypeName } from './errors.js';
