-- expect-exit: 1
-- expect: bad_chart_fields.lua:28: ui:chart: unknown field 'xlable' (did you mean 'xlabel'?)
-- Each bad spec is caught with pcall so one lesson checks many messages.
local function expect(ui, spec, words)
  local ok, msg = pcall(ui.chart, ui, spec)
  assert(not ok and msg:find(words, 1, true), msg)
end
return nnt.lesson {
  id = "bad_chart_fields", title = "bad chart fields",
  steps = {
    { title = "fields", run = function(ui)
        expect(ui, { kind = "pie", y = { 1 } }, "field 'kind' must be one of")
        expect(ui, { kind = "line", y = { 1, "a" } }, "element [2] is string")
        expect(ui, { kind = "line" }, "missing field 'y'")
        expect(ui, { kind = "heatmap", x = { 1, 2 }, y = { 1 }, z = { 1, 2 } },
               "'z' must be a 2-D array")
        expect(ui, { kind = "bar", labels = { "a" }, values = { 1, 2 } },
               "'labels' has 1 entries but 'values' has 2")
        expect(ui, { kind = "line", y = { 1 }, xlog = "yes" }, "'xlog' must be a boolean")
        expect(ui, { kind = "line", series = { { y = { 1 }, colour = 2 } } },
               "series[1]: unknown field 'colour'")
        expect(ui, { kind = "line", y = { 1 }, aspect = 0 },
               "field 'aspect' must be a positive number")
        expect(ui, { kind = "line", y = { 1 }, aspect = "square" },
               "field 'aspect' must be a positive number")
        expect(ui, { kind = "histogram", values = { 1 }, aspect = 1 },
               "'aspect' applies to line, scatter and heatmap")
        ui:chart { kind = "line", y = { 1, 2 }, xlable = "x" }
      end },
  },
}
