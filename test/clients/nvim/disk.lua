-- Scenario: a file appears on disk behind the editor's back (as from a `git pull`), then goes again.
-- Neovim 0.7 never reports files; the server's own watch must. RG_FILE is the file, RG_SHOWN the
-- unopened plan whose link to it is broken, RG_LINE that link's line (0-based), RG_SETTLE_MS the limit.
local H = dofile(os.getenv('RG_HARNESS'))
H.run(function(h)
  h.start()
  local file = os.getenv('RG_FILE')
  local shown = os.getenv('RG_SHOWN')
  local line = tonumber(os.getenv('RG_LINE'))
  local settle_ms = tonumber(os.getenv('RG_SETTLE_MS'))
  h.open('docs/project/roadmap.md')
  local function broken()
    for _, d in ipairs(h.diagnostics(shown)) do
      if tostring(d.code) == 'RG003' and d.range.start.line == line then
        return true
      end
    end
    return false
  end
  h.wait('the RG003 of ' .. shown, broken)
  h.result.before = h.diagnostics(shown)
  -- No wait for the server's watch to be set up: a file that appears before is found by its second listing.
  local out = assert(io.open(h.path(file), 'w'))
  out:write('# Notes\n')
  out:close()
  h.mark('created')
  h.wait_within(settle_ms, 'the RG003 of ' .. shown .. ' gone after ' .. file .. ' was created', function()
    return not broken()
  end)
  h.mark('seen')
  h.result.settled = h.diagnostics(shown)
  os.remove(h.path(file))
  h.mark('deleted')
  h.wait_within(settle_ms, 'the RG003 of ' .. shown .. ' back after ' .. file .. ' was deleted', broken)
  h.mark('back')
end)
