-- expect-exit: 1
-- expect: must return nnt.lesson
return { id = "x" }
