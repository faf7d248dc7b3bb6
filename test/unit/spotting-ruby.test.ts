import { spotCases } from '../fixtures/spotting/cases';

const m = (body: string): string => `def call_api(uri)\n${body}\nend\n`;

describe('spotting: Ruby', () => {
  spotCases('ruby', [
    ['Errno::EAGAIN rescued', 'def send_it\n  post\nrescue Errno::EAGAIN => e\n  retry\nend\n', ['EAGAIN client-check']],
    ['a single status given to a retry option', 'conn = Faraday.new { |f| f.request :retry, max: 1, retry_statuses: 504 }\n', ['504 retry-config']],
    ['Net::HTTP response.code == "429" (a string)', m('  res = Net::HTTP.get_response(uri)\n  sleep 1 if res.code == "429"'), ['429 client-check']],
    ['response.status == 503', m('  return nil if response.status == 503'), ['503 client-check']],
    ['res.code.to_i >= 500', m('  raise "boom" if res.code.to_i >= 500'), ['500 client-check']],
    ['case response.code with a range and a list', m('  case response.code\n  when 500..599 then :server\n  when 429, 503 then :again\n  end'), ['500 client-check', '599 client-check', '429 client-check', '503 client-check']],
    ['case res when Net::HTTPTooManyRequests', m('  case res\n  when Net::HTTPTooManyRequests then sleep 1\n  end'), ['429 client-check']],
    ['is_a?(Net::HTTPServiceUnavailable)', m('  retry_later if res.is_a?(Net::HTTPServiceUnavailable)'), ['503 client-check']],
    ['[429, 503].include?(res.code.to_i)', m('  again = [429, 503].include?(res.code.to_i)'), ['429 client-check', '503 client-check']],
    ['a retry list constant', 'RETRYABLE_STATUSES = [429, 502, 503].freeze\n', ['429 retry-config', '502 retry-config', '503 retry-config']],
    ['Rails head :service_unavailable', m('  head :service_unavailable'), ['503 server-sets']],
    ['Rails render status: :too_many_requests', m('  render json: { error: "slow down" }, status: :too_many_requests'), ['429 server-sets']],
    ['render status: 429', m('  render plain: "slow down", status: 429'), ['429 server-sets']],
    ['Sinatra halt 503', m('  halt 503'), ['503 server-sets']],
    ['Rails head 204', m('  head 204'), ['204 server-sets']],
    ['rspec have_http_status(:not_found)', m('  expect(response).to have_http_status(:not_found)'), ['404 test-assert']],
    ['rspec have_http_status(429)', m('  expect(response).to have_http_status(429)'), ['429 test-assert']],
    ['rescue RestClient::TooManyRequests', m('  RestClient.get(uri)\nrescue RestClient::TooManyRequests, RestClient::ServiceUnavailable => e\n  raise'), ['429 client-check', '503 client-check']],
    ['rescue Faraday::ResourceNotFound', m('  conn.get("/x")\nrescue Faraday::ResourceNotFound\n  nil'), ['404 client-check']],
    ['a named constant and its use', 'TOO_MANY_REQUESTS = 429\ndef f(res)\n  sleep 1 if res.status == TOO_MANY_REQUESTS\nend\n', ['429 constant', '429 client-check']],
    ['a Rack response triple', 'class Throttle\n  def call(env)\n    return [429, { "retry-after" => "30" }, ["slow down"]] if over_limit?(env)\n    @app.call(env)\n  end\nend\n', ['429 server-sets']],
    ['a Rack triple as the last value', 'def call(env)\n  [503, headers, ["maintenance"]]\nend\n', ['503 server-sets']],
    ['three numbers are no Rack triple', m('  sizes = [200, 300, 400]'), []],
    ['a :not_found returned from a lookup', m('  return :not_found unless user'), []],
    ['sleep 500', m('  sleep 500\n  x = items.first(200)'), []],
    ['a port', 'PORT = 8080\nMAX_ITEMS = 200\n', []],
    ['an interpolated string', m('  puts "HTTP #{code} 503"'), []],
    ['a string not compared with a status', m('  name = "429"'), []],
    ['Faraday and Net::HTTP exceptions rescued', 'def f(conn)\n  conn.get("/x")\nrescue Faraday::TooManyRequestsError, Net::ReadTimeout\n  nil\nrescue Faraday::ServerError => e\n  raise e\nend\n', ['TooManyRequestsError client-check', 'ReadTimeout client-check', 'ServerError client-check']],
    ['a bare ClientError of the project', 'def f(conn)\n  conn.get("/x")\nrescue ClientError\n  nil\nend\n', []],
    ['RSpec expect(…).to eq(status)', 'describe "api" do\n  it "answers" do\n    expect(response.status).to eq(200)\n    expect(last_response.status).not_to eq(503)\n    expect(items.count).to eq(200)\n  end\nend\n', ['200 test-assert', '503 test-assert']],
    ['WebMock to_raise feeds an exception', 'describe "api" do\n  before { stub_request(:any, /x/).to_raise(Faraday::ConnectionFailed) }\nend\n', ['ConnectionFailed test-assert']],
    ['rescue Twitter::Error and Octokit status classes', m('  client.user_timeline\nrescue Twitter::Error::TooManyRequests, Octokit::NotFound\n  nil'), ['429 client-check', '404 client-check']],
    ['is_a?(Faraday::ClientError) tests the caught error', 'def classify(e)\n  return :client if e.is_a?(Faraday::ClientError)\n  :other\nend\n', ['ClientError client-check']],
    ['an error\'s class compared with a status class', 'def not_found?(ex)\n  ex && ex.class == Twitter::Error::NotFound\nend\ndef same?(x)\n  x == Faraday::ResourceNotFound\nend\n', ['404 client-check']],
  ]);
});
