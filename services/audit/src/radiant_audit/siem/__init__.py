"""Streaming audit events to SIEMs: syslog RFC 5424 (TCP/TLS, JSON or CEF body) and Splunk HEC."""
