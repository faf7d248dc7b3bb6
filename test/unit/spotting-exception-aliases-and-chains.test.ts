/**
 * Client exception classes in shapes the plain catch does not show: a Python class imported under a name of the
 * file's own, a C# chain of `is` tests joined by `||`, Ruby's exact class comparison, and the connection-level
 * classes of Reactor Netty, Netty, OkHttp, NIO and requests (java- and python-exceptions catalogs).
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: exception classes under aliases, in boolean chains and exact class tests', () => {
  spotCases('python', [
    [
      'requests classes imported under other names, caught bare and in a tuple',
      'from requests.exceptions import ConnectionError as NetDown, ProxyError as ProxyDown\n\ndef ping(url):\n    try:\n        return requests.get(url, timeout=2)\n    except NetDown:\n        return None\n    except (ProxyDown, KeyError):\n        return None\n',
      ['ConnectionError client-check', 'ProxyError client-check'],
    ],
    ['decoy: an alias of a class no catalog knows', 'from shapes import Circle as NetDown\n\ndef ping():\n    try:\n        draw()\n    except NetDown:\n        pass\n', []],
    ["requests' InvalidHeader in its qualified spelling", 'def send(h):\n    try:\n        requests.get(u, headers=h, timeout=3)\n    except requests.exceptions.InvalidHeader:\n        raise\n', ['InvalidHeader client-check']],
  ]);

  spotCases('csharp', [
    [
      'three is-tests joined by ||',
      'using System.Net.Sockets;\nstatic class Rules { static bool Transient(Exception e) { return e is SocketException || e is IOException || e is HttpRequestException; } }\n',
      ['SocketException client-check', 'HttpRequestException client-check'],
    ],
  ]);

  spotCases('ruby', [
    [
      "an exact class comparison of the rescued error (http.rb's classes)",
      'class Poller\n  def transient?(failure)\n    failure.class == HTTP::ConnectionError\n  end\nend\n',
      ['ConnectionError client-check'],
    ],
    ['decoy: a class compared with something other than a class', 'class Poller\n  def same?(a)\n    a.name == HTTP::ConnectionError\n  end\nend\n', []],
  ]);

  spotCases('kotlin', [
    [
      'connection-level classes of Reactor Netty, Netty, OkHttp and NIO in is-tests',
      'fun transient(e: Throwable) =\n    e is PrematureCloseException || e.cause is Errors.NativeIoException || e is StreamResetException || e is UnresolvedAddressException\n',
      ['PrematureCloseException client-check', 'NativeIoException client-check', 'StreamResetException client-check', 'UnresolvedAddressException client-check'],
    ],
    ['decoy: a bare ProtocolException of no imported library', 'fun kind(e: Throwable) = when (e) {\n    is ProtocolException -> 1\n    else -> 0\n}\n', []],
    ['java.net.ProtocolException where it is imported', 'import java.net.ProtocolException\n\nfun kind(e: Throwable) = when (e) {\n    is ProtocolException -> 1\n    else -> 0\n}\n', ['ProtocolException client-check']],
  ]);
});
