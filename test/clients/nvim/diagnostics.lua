-- Scenario: open the roadmap; its diagnostics arrive, and so do those of a plan that is never opened.
local H = dofile(os.getenv('RG_HARNESS'))
H.run(function(h)
  h.start()
  local roadmap = 'docs/project/roadmap.md'
  local buf = h.open(roadmap)
  h.wait('diagnostics for the roadmap', function()
    return #h.diagnostics(roadmap) > 0
  end)
  h.mark('roadmapDiagnostics')
  -- What the user sees (`:lua vim.diagnostic.setqflist()` and the signs come from here).
  h.result.shown = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(h.result.shown, { line = d.lnum, col = d.col, code = d.code, severity = d.severity, message = d.message })
  end
  local unopened = os.getenv('RG_UNOPENED')
  if unopened and unopened ~= '' then
    if h.try_wait('diagnostics for the unopened ' .. unopened, function()
      return #h.diagnostics(unopened) > 0
    end) then
      h.mark('unopenedDiagnostics')
    end
  end
end)
