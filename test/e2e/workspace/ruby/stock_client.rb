require "net/http"

# Reads the stock level of one item; an unavailable warehouse ends it at once.
def stock_level(uri)
  res = Net::HTTP.get_response(uri)
  raise "warehouse unavailable" if res.code == "503"
  Integer(res.body)
end
