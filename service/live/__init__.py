"""Live feeds for GraphQL subscriptions: one log poller per process, fanned out."""
