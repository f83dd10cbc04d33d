/** `asl-runtime serve`: a Step Functions API endpoint on localhost. */
import { startServer, type ServerOptions } from '../../server/index.js';
import { parseArgs, UsageError } from '../args.js';
import { EXIT_OK, EXIT_USAGE, type CliIO, type Command } from '../io.js';

const USAGE = `Usage: asl-runtime serve [options]

Serves the AWS Step Functions API (JSON 1.0 protocol) on localhost, backed by this engine.
Point the AWS SDK or CLI at it: aws stepfunctions --endpoint-url http://127.0.0.1:8083 ...

Options:
  --port N              port (default 8083; 0 picks a free one)
  --host HOST           interface to listen on (default 127.0.0.1). The server has NO
                        authentication: anything that can reach it can run your handlers.
  --handlers MODULE     an ES module exporting \`handlers\` (by resource) and/or \`lambdas\` (by function name)
  --mock-config FILE    a Step Functions Local mock config (default: $SFN_MOCK_CONFIG); select a
                        test case with StartExecution on 'StateMachineArn#TestCaseName'
  --store DIR           keep machines, activities and executions in DIR; waiting executions
                        are resumed when the server starts again
  --virtual-time        Waits and retry backoff take no real time
  --region REGION       region in ARNs (default us-east-1)
  --account ID          account id in ARNs (default 123456789012)
  --help                show this help

Stops on SIGINT or SIGTERM (with --store, waiting executions are saved first).`;

/** The serve command. Resolves when the server has been stopped by a signal. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the Step Functions API on localhost for the AWS SDK and CLI',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const options: ServerOptions = { log: (line) => io.stderr.write(`asl-runtime serve: ${line}\n`) };
    try {
      const parsed = parseArgs(args, ['port', 'host', 'handlers', 'mock-config', 'store', 'region', 'account'], ['virtual-time', 'help']);
      if (parsed.options.has('help')) {
        io.stdout.write(USAGE + '\n');
        return EXIT_OK;
      }
      if (parsed.positionals.length) throw new UsageError(`unexpected argument '${parsed.positionals[0]!}'`);
      const opt = (name: string) => parsed.options.get(name) as string | undefined;
      const port = opt('port');
      if (port !== undefined) {
        if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not '${port}'`);
        options.port = Number(port);
      }
      const mockConfig = opt('mock-config') ?? (process.env.SFN_MOCK_CONFIG || undefined);
      if (mockConfig !== undefined) options.mockConfig = mockConfig;
      for (const [flag, key] of [['host', 'host'], ['handlers', 'handlers'], ['store', 'store'], ['region', 'region'], ['account', 'accountId']] as const) {
        const v = opt(flag);
        if (v !== undefined) options[key] = v;
      }
      if (parsed.options.has('virtual-time')) options.virtualTime = true;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`asl-runtime serve: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const server = await startServer(options);
    const open = server.host === '127.0.0.1' || server.host === '::1' || server.host === 'localhost' ? '' : ' (reachable from the network, and there is no authentication)';
    io.stdout.write(`Step Functions API listening on ${server.url}${open}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return EXIT_OK;
  },
};
