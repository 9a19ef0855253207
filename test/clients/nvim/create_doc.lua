-- Scenario: on an item without a design link, pick "Create design doc … and link it"
-- (a WorkspaceEdit with CreateFile, since Neovim advertises resourceOperations), then :wall.
-- With RG_EXISTING set, that path is written on disk first, behind the server's back when
-- RG_EXISTING_WHEN=after (as a `git pull` would): it must never be offered as a CreateFile.
-- With RG_SETTLE_MS and RG_TARGET (the plan's workspace path), the scenario then waits, at most
-- RG_SETTLE_MS after :wall, for the roadmap to show neither the item's RG001 nor an RG003 for the plan.
local H = dofile(os.getenv('RG_HARNESS'))
H.run(function(h)
  h.start()
  local roadmap = 'docs/project/roadmap.md'
  local line = tonumber(os.getenv('RG_LINE'))
  local buf = h.open(roadmap)
  h.wait_for_diagnostic(roadmap, 'RG001', line)
  h.mark('diagnostic')
  h.result.before = h.diagnostics(roadmap)
  local existing = os.getenv('RG_EXISTING')
  if existing and existing ~= '' and os.getenv('RG_EXISTING_WHEN') == 'after' then
    local file = assert(io.open(h.path(existing), 'w'))
    file:write(os.getenv('RG_EXISTING_CONTENT'))
    file:close()
  end
  h.result.actions = h.code_actions(buf, line)
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  local optional = existing ~= nil and existing ~= ''
  h.run_code_action(buf, line, 'Create design doc', function()
    return vim.api.nvim_buf_get_changedtick(buf) ~= tick
  end, optional)
  h.mark('applied')
  local settle_ms = tonumber(os.getenv('RG_SETTLE_MS') or '')
  local target = os.getenv('RG_TARGET')
  if settle_ms and target and h.result.chosen then
    -- What the roadmap shows right after the edit: Neovim has made the plan a buffer, not a file yet.
    h.wait_for_current_version(buf, roadmap)
    h.result.afterEdit = h.diagnostics(roadmap)
  end
  h.write_all()
  h.mark('written')
  if settle_ms and target and h.result.chosen then
    -- :wall wrote the plan to disk; nobody tells the server (Neovim 0.7 does not watch files).
    h.wait_within(settle_ms, 'the roadmap without the RG001 of the item and without an RG003 for ' .. target, function()
      for _, d in ipairs(h.diagnostics(roadmap)) do
        if (tostring(d.code) == 'RG001' and d.range.start.line == line) or (tostring(d.code) == 'RG003' and d.message:find(target, 1, true)) then
          return false
        end
      end
      return true
    end)
    h.mark('settled')
    h.result.settled = h.diagnostics(roadmap)
  end
end)
