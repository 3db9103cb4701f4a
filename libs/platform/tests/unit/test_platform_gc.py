"""The collector pause used by high-volume batch consumers."""

import gc

from radiant_platform.gc_tuning import collector_paused


def test_the_collector_is_paused_per_batch_and_restored_even_when_nested():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: stays off
    finally:
        gc.enable()


def test_fast_decoder_matches_the_generic_one_and_falls_back_with_the_same_reason():
    import pytest

    from radiant_contracts import make_event
    from radiant_contracts.envelope import CloudEvent, decode_event
    from radiant_contracts.events.usage import UsageRecorded
    from radiant_contracts.examples import example_payloads
    from radiant_platform.consumer import fast_decoder

    decode = fast_decoder(CloudEvent[UsageRecorded])
    raw = make_event(example_payloads()[UsageRecorded.event_type], tenant_id="t-1", source="radiant/test").to_bytes()
    assert decode(raw) == decode_event(raw)
    bad = raw.replace(b'"input_tokens":1200', b'"input_tokens":-1')
    with pytest.raises(Exception) as fast_error:
        decode(bad)
    with pytest.raises(Exception) as generic_error:
        decode_event(bad)
    assert str(fast_error.value) == str(generic_error.value)
