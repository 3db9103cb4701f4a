# The shared fixtures (real stack, tokens, Kafka tails, databases, inbox) for every test suite.
pytest_plugins = ["radiant_platform.testing"]
