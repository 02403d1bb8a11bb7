"""One keyring entry per server and account; an entry of the older per-server name is kept."""

from __future__ import annotations

from rakerone_desktop.runtime.credentials import SERVICE, TokenStore
from tests.support.memkeyring import MemoryKeyring


def test_entries_are_per_server_and_account() -> None:
    MemoryKeyring.store.clear()
    store = TokenStore(MemoryKeyring())
    assert store.save("https://a.example", "tok-a", "ann@example.com")
    assert store.save("https://a.example", "tok-b", "bob@example.com")
    assert store.save("https://b.example", "tok-c", "ann@example.com")
    assert store.load("https://a.example", "ann@example.com") == "tok-a"
    assert store.load("https://a.example", "bob@example.com") == "tok-b"
    assert store.load("https://b.example", "ann@example.com") == "tok-c"
    store.delete("https://a.example", "ann@example.com")
    assert store.load("https://a.example", "ann@example.com") is None
    assert store.load("https://a.example", "bob@example.com") == "tok-b"
    MemoryKeyring.store.clear()


def test_an_entry_of_the_older_naming_is_read_and_moved() -> None:
    MemoryKeyring.store.clear()
    MemoryKeyring.store[(SERVICE, "session:https://a.example")] = "old-token"
    store = TokenStore(MemoryKeyring())
    assert store.load("https://a.example", "ann@example.com") == "old-token"
    assert MemoryKeyring.store == {
        (SERVICE, "session:https://a.example#ann@example.com"): "old-token"
    }
    MemoryKeyring.store.clear()
