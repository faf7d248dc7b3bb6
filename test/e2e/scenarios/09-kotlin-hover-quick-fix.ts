import { retryFixScenario } from '../support/retryFixScenario';

/**
 * Kotlin (#19) in real VS Code: a .kt file is analysed with no Kotlin extension installed (the extension contributes
 * the `kotlin` language id). Hovering the 503 in `response.code == 503` explains it; the 503 thrown as final gets a
 * warning and the OkHttp retry quick fix, whose edit is saved and read back from disk.
 */
export const scenario = retryFixScenario({
  name: '09-kotlin-hover-quick-fix',
  title: 'Kotlin: hover over `response.code == 503`, then the OkHttp retry quick fix applied and saved',
  file: 'kotlin/OrderClient.kt',
  saved: [
    ['fun executeWithRetry(', 'helper inserted'],
    ['val response = executeWithRetry(client, request)', 'request rewritten'],
    ['import java.time.ZonedDateTime', 'imports merged'],
  ],
  gone: /client\.newCall\(request\)\.execute\(\)\n\s+if \(response\.code == 503\)/,
});
