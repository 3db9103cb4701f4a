"""The tenant's AI agents — identity is their control plane (DESIGN.md §3.7): configuration (each
change a new version, audited with its diff), who may use each agent, the desired state (start/stop
requests on `agent-events`) and the observed status, which only the runtime's
`agent.status_reported` events change. A prod start of a configuration that has not run yet goes
through an `agent_deployment` approval."""
