/**
 * The Ruby Net::HTTP retry template run by Debian's ruby (scripts/setup-exec.sh installs it): the rendered
 * helper + a main that sends METHOD URL through `request_with_retry` and prints `STATUS <n>` or `ERROR …` (exit 3).
 *   argv: METHOD URL ATTEMPTS BASE_MS CAP_MS RETRY_AFTER_CAP_MS [IDEMPOTENCY_KEY]
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderTemplate, templateById } from '../../server/src/service/templates';
import type { ProgramVariant } from './programs';
import { unavailableReason } from './runners';

const RUBY_MAIN = `method, url, attempts, base_ms, cap_ms, ra_cap_ms, key = ARGV
uri = URI(url)
request = Net::HTTP.const_get(method.capitalize).new(uri)
request.body = "{}" if method == "POST"
request["Idempotency-Key"] = key if key
begin
  response = Net::HTTP.start(uri.host, uri.port, open_timeout: 10, read_timeout: 10) do |http|
    request_with_retry(http, request, max_attempts: attempts.to_i, base_delay: base_ms.to_f / 1000,
                       max_delay: cap_ms.to_f / 1000, retry_after_cap: ra_cap_ms.to_f / 1000)
  end
  puts "STATUS #{response.code}"
rescue StandardError => e
  puts "ERROR #{e.inspect}"
  exit 3
end`;

function source(): string {
  const template = templateById('retry-net-http-ruby');
  if (!template) throw new Error('no template retry-net-http-ruby');
  return `${template.imports.join('\n')}\n\n${renderTemplate(template.helper, { snippet: false })}\n\n${RUBY_MAIN}\n`;
}

export const rubyVariant: ProgramVariant = {
  name: 'ruby-net-http',
  templateId: 'retry-net-http-ruby',
  unavailable: () => unavailableReason('ruby', ['--version'], 'Ruby (Debian ruby)'),
  source,
  prepare: async (dir) => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'retry.rb');
    fs.writeFileSync(file, source());
    return { command: 'ruby', args: [file] };
  },
};
