"""Pure extraction functions: text or tree in, values out (bylines, credits, dates, boilerplate)."""
