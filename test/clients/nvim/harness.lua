-- Shared helpers for the Neovim client scenarios (0.7, the Debian one; 0.10 and later pull open buffers).
--
-- Each scenario script is run as `nvim --headless --clean -n -c "luafile <script>"`
-- and gets its inputs from the environment:
--   RG_HARNESS     this file
--   RG_SERVER      path to dist/server.js (started as `node RG_SERVER --stdio`)
--   RG_ROOT        the workspace folder (a temp copy of a fixture)
--   RG_RESULT      where to write the result JSON the mocha test reads
--   RG_TIMEOUT_MS  how long any single wait may take
-- A scenario calls `H.run(function(h) ... end)`: everything inside is guarded,
-- the result is always written, and nvim exits 0 on success, 1 on an error and
-- 2 on a timeout, so a hung server can never hang the test.

local H = {}

local root = assert(os.getenv('RG_ROOT'), 'RG_ROOT is not set')
local server = assert(os.getenv('RG_SERVER'), 'RG_SERVER is not set')
local result_path = assert(os.getenv('RG_RESULT'), 'RG_RESULT is not set')
local timeout_ms = tonumber(os.getenv('RG_TIMEOUT_MS') or '15000')

local clock0 = vim.loop.hrtime()
local function elapsed_ms()
  return math.floor((vim.loop.hrtime() - clock0) / 1e6)
end

H.root = root
H.result = { ok = false, timings = {}, published = vim.empty_dict(), events = {} }
--- The document version each file's last publishDiagnostics was for (nil: none given).
H.published_versions = {}

-- RG_LSP_LOG=debug logs every message to Neovim's LSP log (its tail is in the result on failure).
if os.getenv('RG_LSP_LOG') and os.getenv('RG_LSP_LOG') ~= '' then
  vim.lsp.set_log_level(os.getenv('RG_LSP_LOG'))
end

--- Records a named moment (milliseconds since the script started).
function H.mark(name)
  H.result.timings[name] = elapsed_ms()
end

local function write_result()
  local file = assert(io.open(result_path, 'w'))
  file:write(vim.json.encode(H.result))
  file:close()
end

local TimeoutError = {}

--- Waits until `condition()` is true, pumping the event loop; a timeout aborts the scenario.
function H.wait(what, condition)
  local ok = vim.wait(timeout_ms, function()
    return H.server_exit ~= nil or condition()
  end, 10)
  if H.server_exit then
    error(string.format('the server exited (code %s, signal %s) while waiting for %s', H.server_exit.code, H.server_exit.signal, what))
  end
  if not ok then
    error({ timeout = TimeoutError, what = what })
  end
end

--- Like `wait`, with its own time limit (milliseconds) instead of RG_TIMEOUT_MS.
function H.wait_within(ms, what, condition)
  local ok = vim.wait(ms, function()
    return H.server_exit ~= nil or condition()
  end, 10)
  if H.server_exit then
    error(string.format('the server exited (code %s, signal %s) while waiting for %s', H.server_exit.code, H.server_exit.signal, what))
  end
  if not ok then
    error({ timeout = TimeoutError, what = what, ms = ms })
  end
end

--- Like `wait`, but a timeout is recorded in `result.missed` instead of ending the scenario.
function H.try_wait(what, condition)
  local ok = vim.wait(timeout_ms, condition, 10)
  if not ok then
    H.result.missed = H.result.missed or {}
    table.insert(H.result.missed, what)
  end
  return ok
end

function H.path(rel)
  return root .. '/' .. rel
end

function H.uri(rel)
  return vim.uri_from_fname(H.path(rel))
end

--- Starts the server on the workspace; records every publishDiagnostics by URI (raw LSP form).
function H.start()
  local published = H.result.published
  local client_id = vim.lsp.start_client({
    name = 'roadmap-governance',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'fixture' } },
    -- Neovim 0.7 never sends settings by itself.
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = { roadmapGovernance = vim.empty_dict() } })
    end,
    on_exit = function(code, signal)
      H.server_exit = { code = code, signal = signal }
    end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        local rel = vim.uri_to_fname(params.uri):sub(#root + 2)
        published[rel] = params.diagnostics
        H.published_versions[rel] = params.version
        table.insert(H.result.events, { at = elapsed_ms(), file = rel, count = #params.diagnostics })
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
      -- Neovim 0.10 and later pull the diagnostics of open buffers (0.7 never sends this request).
      ['textDocument/diagnostic'] = function(err, result, ctx, config)
        if result and ctx.params and ctx.params.textDocument then
          local rel = vim.uri_to_fname(ctx.params.textDocument.uri):sub(#root + 2)
          if result.kind == 'full' then
            published[rel] = result.items
          end
          H.published_versions[rel] = ctx.version or vim.lsp.util.buf_versions[ctx.bufnr]
          table.insert(H.result.events, { at = elapsed_ms(), file = rel, count = #(published[rel] or {}), pulled = true })
        end
        return vim.lsp.diagnostic.on_diagnostic(err, result, ctx, config)
      end,
    },
  })
  assert(client_id, 'vim.lsp.start_client returned nil')
  H.client_id = client_id
  H.result.serverPid = vim.lsp.get_client_by_id(client_id).rpc.pid
  H.mark('started')
  H.wait('initialize', function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end)
  H.mark('initialized')
  return vim.lsp.get_client_by_id(client_id)
end

--- Opens a workspace file in a buffer attached to the server.
function H.open(rel)
  vim.cmd('edit ' .. vim.fn.fnameescape(H.path(rel)))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, H.client_id)
  return bufnr
end

--- The raw LSP diagnostics last published for a file (pushed, or pulled by Neovim 0.10 and later).
function H.diagnostics(rel)
  return H.result.published[rel] or {}
end

--- Waits until the diagnostics published for the open buffer `bufnr` (file `rel`) are for its current version.
function H.wait_for_current_version(bufnr, rel)
  H.wait('diagnostics of ' .. rel .. ' at its current version', function()
    return H.published_versions[rel] ~= nil and H.published_versions[rel] == vim.lsp.util.buf_versions[bufnr]
  end)
end

--- Waits until a diagnostic with `code` has been published on `line` (0-based) of `rel`.
function H.wait_for_diagnostic(rel, code, line)
  H.wait(string.format('%s on %s:%d', code, rel, line + 1), function()
    for _, d in ipairs(H.diagnostics(rel)) do
      if tostring(d.code) == code and d.range.start.line == line then
        return true
      end
    end
    return false
  end)
end

--- Summarises a CodeAction or Command for the result file.
local function describe_action(action)
  local out = { title = action.title, kind = action.kind, creates = {}, edits = {} }
  local command = action.command
  if type(command) == 'string' then
    out.command = command -- a bare Command
  elseif type(command) == 'table' then
    out.command = command.command
    out.arguments = command.arguments
  end
  local edit = action.edit
  if edit then
    for _, change in ipairs(edit.documentChanges or {}) do
      if change.kind == 'create' then
        table.insert(out.creates, { uri = change.uri, options = change.options or vim.empty_dict() })
      elseif change.textDocument then
        table.insert(out.edits, change.textDocument.uri)
      end
    end
    for uri, _ in pairs(edit.changes or {}) do
      table.insert(out.edits, uri)
    end
  end
  return out
end

--- The code actions the server offers for the diagnostics on `line` of the current buffer.
function H.code_actions(bufnr, line)
  local diagnostics = {}
  local rel = vim.api.nvim_buf_get_name(bufnr):sub(#root + 2)
  for _, d in ipairs(H.diagnostics(rel)) do
    if d.range.start.line <= line and d.range['end'].line >= line then
      table.insert(diagnostics, d)
    end
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
    context = { diagnostics = diagnostics },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout_ms)
  if not responses then
    error({ timeout = TimeoutError, what = 'textDocument/codeAction' })
  end
  local actions = {}
  for _, response in pairs(responses) do
    if response.error then
      error('textDocument/codeAction failed: ' .. vim.inspect(response.error))
    end
    for _, action in ipairs(response.result or {}) do
      table.insert(actions, describe_action(action))
    end
  end
  return actions
end

--- Runs the first code action whose title matches `pattern` the way a user does:
--- cursor on the line, `vim.lsp.buf.code_action()`, pick it in `vim.ui.select`.
--- Waits until `done()` holds (the action may run asynchronously, through a command).
--- With `optional`, a missing action is recorded (`result.chosen` stays nil) instead of failing.
function H.run_code_action(bufnr, line, pattern, done, optional)
  vim.api.nvim_set_current_buf(bufnr)
  local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1] or ''
  local col = text:find('%*%*') or 1
  vim.api.nvim_win_set_cursor(0, { line + 1, col - 1 })
  local offered, chosen = nil, nil
  local original_select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or item[2].title
      table.insert(offered, title)
      if not chosen and title:find(pattern) then
        chosen = title
        on_choice(item, _)
        return
      end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  H.wait('the code action menu', function()
    return offered ~= nil
  end)
  vim.ui.select = original_select
  H.result.menu = offered
  if not chosen and optional then
    return false
  end
  if not chosen then
    error('no code action matching "' .. pattern .. '" among: ' .. table.concat(offered, ' | '))
  end
  H.result.chosen = chosen
  H.wait('the effect of "' .. chosen .. '"', done)
  return true
end

--- Writes every modified buffer, as `:wall` does for a user.
function H.write_all()
  vim.cmd('silent wall')
end

--- Runs the scenario, writes the result and exits nvim with 0 / 1 (error) / 2 (timeout).
function H.run(scenario)
  local ok, err = xpcall(function()
    scenario(H)
  end, function(e)
    if type(e) == 'table' and e.timeout == TimeoutError then
      return e
    end
    return debug.traceback(tostring(e), 2)
  end)
  local code = 0
  if ok then
    H.result.ok = true
  elseif type(err) == 'table' then
    H.result.error = 'timeout after ' .. (err.ms or timeout_ms) .. ' ms waiting for ' .. err.what
    code = 2
  else
    H.result.error = err
    code = 1
  end
  if code ~= 0 then
    -- The server's stderr and protocol errors end up in Neovim's LSP log.
    local log = io.open(vim.lsp.get_log_path(), 'r')
    if log then
      H.result.log = log:read('*a'):sub(-6000)
      log:close()
    end
  end
  H.mark('done')
  write_result()
  if code == 0 then
    -- A normal exit: Neovim sends shutdown and exit to the server.
    vim.cmd('qall!')
  else
    -- `:cquit` skips the LSP exit handler; stop the server here or it outlives us.
    if H.client_id then
      vim.lsp.stop_client(H.client_id, true)
    end
    vim.cmd(code .. 'cquit!')
  end
end

return H
