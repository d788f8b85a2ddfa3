"""The Kafka bus backend (aiokafka): `KafkaPublisher` for the relay, `KafkaSubscription`
for consumers. Both survive a broker that is down at start or goes away later: they
log, report nothing delivered / nothing fetched, and reconnect lazily.

Practices (STYLE.md 5): idempotent producer with acks=all, recreated after a fatal
error; consumers never auto-commit, start from the earliest offset when the group has
none, and commit `{tp: last offset + 1}` explicitly per partition. Callers commit what
they processed before `stop()` (no revocation callback runs then).

Records follow the structured mode of the CloudEvents Kafka protocol binding
(ARCHITECTURE.md invariant 4): the whole event, JSON, is the value, the record key is
the partition key (the event's subject), and a `content-type:
application/cloudevents+json` header says so, which is what the CloudEvents SDKs for
Java, Go and Knative look for. Consumers read the value either way, so records written
before the header was added are still read.

`publisher` holds `KafkaPublisher`, `subscription` holds `KafkaSubscription`, and
`connection` what they share: the TLS and SASL options from the settings, and the backoff
between attempts to connect.
"""
