import { retryFixScenario } from '../support/retryFixScenario';

/**
 * Ruby (#19) in real VS Code: hovering the 503 in `res.code == "503"` explains it; the 503 raised as final gets a
 * warning and the Net::HTTP retry quick fix, whose edit is saved and read back from disk.
 */
export const scenario = retryFixScenario({
  name: '11-ruby-hover-quick-fix',
  title: 'Ruby: hover over `res.code == "503"`, then the Net::HTTP retry quick fix applied and saved',
  file: 'ruby/stock_client.rb',
  saved: [
    ['def request_with_retry(', 'helper inserted'],
    ['request_with_retry(http, Net::HTTP::Get.new(uri))', 'request rewritten'],
  ],
  gone: /res = Net::HTTP\.get_response\(uri\)/,
});
