/**
 * Cloud error codes an SDK hands back, compared with its error-code accessor: every value of a Go case list
 * (`case "DependencyViolation", "AuthFailure":`, the last one followed by a colon like an object key), and AWS's
 * dotted codes (`InvalidGroup.NotFound`). A dotted message fragment tested against an error's text is no code.
 */
import * as assert from 'node:assert/strict';
import { occurrencesOf } from '../support/serviceHarness';

const cleanup = `package cleanup

import (
	"errors"

	"github.com/aws/smithy-go"
)

func skippable(err error) bool {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.ErrorCode() {
	case "DependencyViolation",
		"CacheSubnetGroupInUse":
		return true
	case "InvalidGroup.NotFound", "InvalidSnapshot.NotFound":
		return true
	}
	return false
}
`;

describe('cloud error codes in case lists', () => {
  it('spots every value of a multi-value case, dotted codes included', async () => {
    const found = (await occurrencesOf('go', cleanup)).map((o) => `${o.code}:${o.role}:${o.range.start.line + 1}`);
    assert.deepEqual(found, [
      'DependencyViolation:client-check:15',
      'CacheSubnetGroupInUse:client-check:16',
      'InvalidGroup.NotFound:client-check:18',
      'InvalidSnapshot.NotFound:client-check:18',
    ]);
  });

  it('leaves a dotted upper-case fragment matched in an error message', async () => {
    const py = `def recreate(exc):\n    if "Connection.CLOSED" in str(exc) or "State.RESET" in str(exc):\n        return True\n    return False\n`;
    assert.deepEqual((await occurrencesOf('python', py)).map((o) => o.code), []);
  });
});
