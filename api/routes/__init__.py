"""HTTP routes, one module per resource; each is a thin call into api.service.Dalil."""
