-- Drives Neovim's built-in LSP client (0.7+) against the Error Code Insight language server and
-- writes what it saw as JSON. Run headless, with no user config:
--
--   ECI_SERVER=/abs/out/server/main.js ECI_FIXTURES=/abs/test/neovim/fixtures ECI_RESULT=/tmp/r.json \
--     nvim --headless -u NONE -i NONE -n -c 'luafile test/neovim/run.lua'
--
-- Every check records its outcome in `results`; the script always writes the file and quits, so
-- the mocha wrapper (neovim.test.ts) can report each failure precisely.

local server = assert(os.getenv('ECI_SERVER'), 'ECI_SERVER not set')
local fixtures = assert(os.getenv('ECI_FIXTURES'), 'ECI_FIXTURES not set')
local result_file = assert(os.getenv('ECI_RESULT'), 'ECI_RESULT not set')
local node = os.getenv('ECI_NODE') or 'node'
local wait_ms = tonumber(os.getenv('ECI_WAIT_MS') or '15000')

local results = {
  nvim_version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch),
  errors = {},
}

local function record_error(where, err)
  table.insert(results.errors, where .. ': ' .. tostring(err))
end

local function finish()
  local ok, encoded = pcall(vim.fn.json_encode, results)
  if not ok then
    encoded = vim.fn.json_encode({ errors = { 'json_encode failed: ' .. tostring(encoded) } })
  end
  local f = assert(io.open(result_file, 'w'))
  f:write(encoded)
  f:close()
  vim.cmd('qall!')
end

local function flatten_hover(result)
  if not result or not result.contents then
    return ''
  end
  local c = result.contents
  if type(c) == 'string' then
    return c
  end
  if c.value then
    return c.value
  end
  local parts = {}
  for _, item in ipairs(c) do
    table.insert(parts, type(item) == 'string' and item or (item.value or ''))
  end
  return table.concat(parts, '\n')
end

-- 0-based {line, character} of the first `needle` in the buffer, plus `offset` characters.
local function find(bufnr, needle, offset)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return { line = i - 1, character = col - 1 + (offset or 0) }
    end
  end
  error('not found in buffer: ' .. needle)
end

local function open_fixture(name, filetype)
  vim.cmd('edit ' .. vim.fn.fnameescape(fixtures .. '/' .. name))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = filetype -- -u NONE: no filetype detection; languageId comes from this
  return bufnr
end

local function hover(bufnr, client_id, pos)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = pos }
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 5000)
  if not responses then
    error('hover: ' .. tostring(err))
  end
  local r = responses[client_id]
  if r and r.err then
    error('hover error: ' .. vim.inspect(r.err))
  end
  return r and r.result
end

-- The diagnostic's code, wherever this Neovim version keeps it.
local function diag_code(d)
  if d.code ~= nil then
    return d.code
  end
  return d.user_data and d.user_data.lsp and d.user_data.lsp.code
end

-- Back to an LSP diagnostic for codeAction's context.
local function to_lsp(d)
  if d.user_data and d.user_data.lsp and d.user_data.lsp.range then
    return d.user_data.lsp
  end
  return {
    range = {
      start = { line = d.lnum, character = d.col },
      ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col },
    },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = diag_code(d),
  }
end

local exit_info = nil
local client_id = vim.lsp.start_client({
  name = 'eci',
  cmd = { node, server, '--stdio' },
  root_dir = fixtures,
  on_exit = function(code, signal)
    exit_info = { code = code, signal = signal }
  end,
})

local function main()
  if not client_id then
    error('vim.lsp.start_client returned nil')
  end
  results.client_started = true

  -- Python: hover on 429.
  local py = open_fixture('rate_limited.py', 'python')
  vim.lsp.buf_attach_client(py, client_id)
  results.initialized = vim.wait(wait_ms, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end, 20)
  if not results.initialized then
    error('client did not initialize within ' .. wait_ms .. ' ms')
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local caps = client.server_capabilities or {}
  results.hover_provider = caps.hoverProvider and true or false
  results.code_action_provider = caps.codeActionProvider and true or false

  local ok, err = pcall(function()
    local h = hover(py, client_id, find(py, '429', 1))
    results.hover_python = flatten_hover(h)
    results.hover_python_kind = h and h.contents and h.contents.kind or vim.NIL
  end)
  if not ok then
    record_error('hover_python', err)
  end

  -- .http: hover on the status line.
  ok, err = pcall(function()
    local http = open_fixture('requests.http', 'http')
    vim.lsp.buf_attach_client(http, client_id)
    results.hover_http = flatten_hover(hover(http, client_id, find(http, '503', 1)))
    vim.cmd('buffer ' .. py)
  end)
  if not ok then
    record_error('hover_http', err)
  end

  -- Diagnostics for the flawed Python file.
  local wanted = 'retryable-treated-as-final'
  local target = nil
  results.diagnostics_arrived = vim.wait(wait_ms, function()
    for _, d in ipairs(vim.diagnostic.get(py)) do
      if diag_code(d) == wanted then
        target = d
        return true
      end
    end
    return false
  end, 50)
  results.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(py)) do
    table.insert(results.diagnostics, { code = diag_code(d) or vim.NIL, lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source or vim.NIL })
  end

  -- Code actions for that diagnostic, and applying one.
  if target and not results.code_action_provider then
    record_error('code_action', 'the server announces no codeActionProvider, so Neovim sends no textDocument/codeAction')
  elseif target then
    ok, err = pcall(function()
      local lsp_diag = to_lsp(target)
      local params = {
        textDocument = { uri = vim.uri_from_bufnr(py) },
        range = lsp_diag.range,
        context = { diagnostics = { lsp_diag } },
      }
      local responses, rerr = vim.lsp.buf_request_sync(py, 'textDocument/codeAction', params, 5000)
      if not responses then
        error('codeAction: ' .. tostring(rerr))
      end
      local r = responses[client_id] or {}
      if r.err then
        error('codeAction error: ' .. vim.inspect(r.err))
      end
      local actions = r.result or {}
      results.code_actions = {}
      local chosen = nil
      for _, a in ipairs(actions) do
        table.insert(results.code_actions, { title = a.title, kind = a.kind or vim.NIL, has_edit = a.edit ~= nil })
        if not chosen and a.kind and a.kind:find('^quickfix') then
          chosen = a
        end
      end
      if chosen and not chosen.edit and client.server_capabilities.codeActionProvider
        and type(client.server_capabilities.codeActionProvider) == 'table'
        and client.server_capabilities.codeActionProvider.resolveProvider then
        local resolved = vim.lsp.buf_request_sync(py, 'codeAction/resolve', chosen, 5000)
        if resolved and resolved[client_id] and resolved[client_id].result then
          chosen = resolved[client_id].result
        end
      end
      if chosen and chosen.edit then
        local before = table.concat(vim.api.nvim_buf_get_lines(py, 0, -1, false), '\n')
        vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
        local after = table.concat(vim.api.nvim_buf_get_lines(py, 0, -1, false), '\n')
        results.applied_title = chosen.title
        results.buffer_changed = before ~= after
        results.buffer_after = after
      else
        results.buffer_changed = false
      end
    end)
    if not ok then
      record_error('code_action', err)
    end
  end
end

local ok, err = pcall(main)
if not ok then
  record_error('main', err)
end

-- Stop the server gracefully (shutdown + exit) and record how it ended.
if client_id then
  pcall(vim.lsp.stop_client, client_id)
  results.server_stopped = vim.wait(5000, function()
    return exit_info ~= nil
  end, 20)
  if exit_info then
    results.server_exit_code = exit_info.code
  else
    pcall(vim.lsp.stop_client, client_id, true)
  end
end

finish()
