"""The batch consumer's parser (consumer._parse_first_record_only) with FastStream's own batch parser:
the message stands for the whole batch, its records untouched, whatever bytes any record's headers hold."""

from __future__ import annotations

from aiokafka import ConsumerRecord
from faststream.kafka.message import KafkaMessage
from faststream.kafka.parser import AioKafkaBatchParser

from radiant_platform.consumer import _parse_first_record_only

BINARY = [("x-bin", b"a\x00b"), ("x-text", b"caf\xe9")]  # not UTF-8: FastStream alone fails on it


def _record(offset: int, headers: list[tuple[str, bytes]]) -> ConsumerRecord[bytes, bytes]:
    return ConsumerRecord(
        topic="usage-events",
        partition=0,
        offset=offset,
        timestamp=1_700_000_000_000 + offset,
        timestamp_type=0,
        key=b"tenant",
        value=f'{{"n": {offset}}}'.encode(),
        checksum=None,
        serialized_key_size=6,
        serialized_value_size=8,
        headers=headers,
    )


async def test_a_batch_whose_first_record_has_binary_headers_is_one_message_of_its_records_untouched():
    records = (_record(7, BINARY), _record(8, [("ce_type", b"radiant.usage.recorded.v1")]), _record(9, BINARY))
    parser = AioKafkaBatchParser(msg_class=KafkaMessage, regex=None)

    message = await _parse_first_record_only(records, parser.parse_batch)

    assert message.raw_message is records  # the consumer reads these, byte for byte
    assert [r.headers for r in message.raw_message] == [BINARY, [("ce_type", b"radiant.usage.recorded.v1")], BINARY]
    assert message.body == [r.value for r in records]
    assert message.message_id == f"7-9-{records[0].timestamp}"  # FastStream's id for the batch
    assert message.headers == {"x-bin": "a\x00b", "x-text": "caf\ufffd"}  # the first record's, as text
