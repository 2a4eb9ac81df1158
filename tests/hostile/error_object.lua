-- expect-exit: 1
-- expect: error object is a table value
return nnt.lesson {
  id = "error_object", title = "error with a table",
  steps = {
    { title = "throw", run = function(ui) error({ code = 1 }) end },
  },
}
