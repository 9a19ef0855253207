-- Scenario: on an item without a design link, pick "Insert Design link stub" and save.
local H = dofile(os.getenv('RG_HARNESS'))
H.run(function(h)
  h.start()
  local roadmap = 'docs/project/roadmap.md'
  local line = tonumber(os.getenv('RG_LINE'))
  local buf = h.open(roadmap)
  h.wait_for_diagnostic(roadmap, 'RG001', line)
  h.mark('diagnostic')
  h.result.actions = h.code_actions(buf, line)
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  h.run_code_action(buf, line, 'Design link stub', function()
    return vim.api.nvim_buf_get_changedtick(buf) ~= tick
  end)
  h.mark('applied')
  h.write_all()
end)
