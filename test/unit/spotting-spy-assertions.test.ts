/**
 * The status a handler set, asserted through a spy of the setter: Jest's `toHaveBeenCalledWith` on `res.sendStatus`,
 * Sinon's `assert.calledWith(res.status, …)` and `res.status.calledWith(…)`, the recorded arguments read directly
 * (`res.status.mock.calls[0][0]`), and Python mocks' `send_response.assert_called_once_with(…)`.
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: statuses asserted through a setter spy', () => {
  spotCases('typescript', [
    [
      'Jest and Sinon assertions on the calls of a status setter',
      "it('a', () => {\n  expect(res.sendStatus).toHaveBeenCalledWith(403);\n  expect(res.writeHead).toHaveBeenCalledWith(503, expect.any(Object));\n  expect(res.status).toHaveBeenNthCalledWith(1, 400);\n  sinon.assert.calledWith(res.status, 404);\n  expect(res.status.calledWith(409)).to.be.true;\n  expect(ctx.throw).toHaveBeenCalledWith(401, 'no');\n});\n",
      ['403 test-assert', '503 test-assert', '400 test-assert', '404 test-assert', '409 test-assert', '401 test-assert'],
    ],
    [
      "a setter spy's recorded first argument",
      "it('a', () => {\n  expect(res.status.mock.calls[0][0]).toBe(422);\n  expect(res.status.firstCall.args[0]).to.equal(500);\n});\n",
      ['422 test-assert', '500 test-assert'],
    ],
    ["only the argument the setter takes its status in", "it('a', () => {\n  expect(res.writeHead).toHaveBeenCalledWith(200, 404);\n});\n", ['200 test-assert']],
    [
      'decoy: spies of what sets no status',
      "it('a', () => {\n  expect(res.json).toHaveBeenCalledWith(404);\n  sinon.assert.calledWith(cache.set, 'k', 200);\n  expect(job.throw).toHaveBeenCalledWith(500);\n});\n",
      [],
    ],
  ]);

  spotCases('python', [
    [
      "a mock's assert_called_with on a status setter",
      'def test_a(handler, mock_abort):\n    handler.send_response.assert_called_once_with(503)\n    mock_abort.assert_called_with(404)\n',
      ['503 test-assert', '404 test-assert'],
    ],
    ['decoy: assert_called_with of another method', 'def test_a(cache):\n    cache.resize.assert_called_once_with(500)\n', []],
  ]);
});
