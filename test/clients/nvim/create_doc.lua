-- Scenario: on an item without a design link, pick "Create design doc … and link it"
-- (a WorkspaceEdit with CreateFile, since Neovim advertises resourceOperations), then :wall.
-- With RG_EXISTING set, that path is written on disk first, behind the server's back when
-- RG_EXISTING_WHEN=after (as a `git pull` would): it must never be offered as a CreateFile.
local H = dofile(os.getenv('RG_HARNESS'))
H.run(function(h)
  h.start()
  local roadmap = 'docs/project/roadmap.md'
  local line = tonumber(os.getenv('RG_LINE'))
  local buf = h.open(roadmap)
  h.wait_for_diagnostic(roadmap, 'RG001', line)
  h.mark('diagnostic')
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
  h.write_all()
end)
