"""Docker-free local stack: PostgreSQL, Redis, Kafka (KRaft), stripe-mock, MailDev and the six services.

    python deploy/local/stack install            # fetch/install whatever is missing
    python deploy/local/stack up [--infra-only]  # install + start what is not running, wait until ready
    python deploy/local/stack restart [SVC ...]  # restart services after a code change
    python deploy/local/stack down               # stop services, then infrastructure
    python deploy/local/stack status             # component / pid / port / health table
    python deploy/local/stack env                # the computed service/test environment (KEY=VALUE)

Config: .env.defaults < .env < process environment. All generated state lives in RADIANT_STATE_DIR
(default .local/): binaries, data, logs (.local/logs/<component>.log), pid files (.local/run/).
Modules: config (settings, computed env), processes (spawn/stop/pids/ports), components/ (one per
part, on the `Component` base class), commands (install/up/down/status/env/restart).
See deploy/local/README.md.
"""
