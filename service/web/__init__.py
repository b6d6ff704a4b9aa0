"""Browser-facing pieces served with the API: the GraphiQL page and its static assets."""
