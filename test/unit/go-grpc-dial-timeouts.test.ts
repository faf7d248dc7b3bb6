import { strict as assert } from 'node:assert';
import { ruleLines, testService } from '../support/serviceHarness';
import { mayContainCodes } from '../../server/src/cli/preFilter';

/** grpc-go's Dial with WithBlock waits for the connection under context.Background(): for ever if the server is down. */
const SOURCE = (dial: string) => `package report

import (
	"context"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func Finished(addr string, id string) error {
	${dial}
	if err != nil {
		return err
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return notify(ctx, conn, id)
}
`;

const timeoutLines = (text: string): Promise<number[]> => ruleLines('go', text, 'request-without-timeout');

describe('Go: grpc.Dial with WithBlock', () => {
  it('reports a blocking dial with no dial timeout', async () => {
    assert.deepEqual(await timeoutLines(SOURCE('conn, err := grpc.Dial(addr, grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithBlock())')), [12]);
    assert.deepEqual(await timeoutLines(SOURCE('conn, err := grpc.DialContext(context.Background(), addr, grpc.WithBlock())')), [12]);
  });

  it('is silent for a non-blocking dial, a dial timeout, or a context that expires', async () => {
    assert.deepEqual(await timeoutLines(SOURCE('conn, err := grpc.Dial(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))')), []);
    assert.deepEqual(await timeoutLines(SOURCE('conn, err := grpc.Dial(addr, grpc.WithBlock(), grpc.WithTimeout(5*time.Second))')), []);
    assert.deepEqual(await timeoutLines(SOURCE('dctx, stop := context.WithTimeout(context.Background(), 5*time.Second)\n\tdefer stop()\n\tconn, err := grpc.DialContext(dctx, addr, grpc.WithBlock())')), []);
  });

  it('the CLI pre-filter keeps a file whose only request is the dial', () => {
    const service = testService();
    assert.equal(mayContainCodes(Buffer.from(SOURCE('conn, err := grpc.Dial(addr, grpc.WithBlock())')), service.registry, true), true);
  });
});
