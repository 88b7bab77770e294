//! Every table of the file, with its key and value types. Values are codec
//! bytes; index tables have no value.

use std::marker::PhantomData;

use serde::{Serialize, de::DeserializeOwned};

use super::records::*;
use crate::vault::{KeySlot, Sealed};

/// Key types that redb hands back as owned values (integers, tuples, String).
pub trait OwnedKey: redb::Key + for<'a> redb::Value<SelfType<'a> = Self> + 'static {}
impl<K> OwnedKey for K where K: redb::Key + for<'a> redb::Value<SelfType<'a> = Self> + 'static {}

/// A table whose values are records of type `V`, stored as codec bytes.
pub struct Table<K, V> {
    pub name: &'static str,
    _types: PhantomData<fn() -> (K, V)>,
}

impl<K, V> Clone for Table<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K, V> Copy for Table<K, V> {}

impl<K: OwnedKey, V: Serialize + DeserializeOwned> Table<K, V> {
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            _types: PhantomData,
        }
    }

    pub(super) fn def(self) -> redb::TableDefinition<'static, K, &'static [u8]> {
        redb::TableDefinition::new(self.name)
    }
}

/// A table of keys only, to find records by a second order.
pub struct Index<K> {
    pub name: &'static str,
    _types: PhantomData<fn() -> K>,
}

impl<K> Clone for Index<K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K> Copy for Index<K> {}

impl<K: OwnedKey> Index<K> {
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            _types: PhantomData,
        }
    }

    pub(super) fn def(self) -> redb::TableDefinition<'static, K, ()> {
        redb::TableDefinition::new(self.name)
    }
}

/// One entry, `marker`: what makes a redb file a MiLA Desk database.
pub const META: Table<String, Marker> = Table::new("meta");
pub const SETTINGS: Table<String, Settings> = Table::new("settings");
pub const STAFF: Table<String, StaffRecord> = Table::new("staff");
pub const KEY_SLOTS: Table<String, KeySlot> = Table::new("key_slots");
/// `key_check`: a known value sealed with the data key, so an unwrapped key
/// can be proven to belong to this database.
pub const SEALED_META: Table<String, Sealed> = Table::new("sealed_meta");
pub const VISITORS: Table<VisitorNo, VisitorMeta> = Table::new("visitors");
/// (created day, number): new registrations of a day without a scan.
pub const VISITORS_BY_DAY: Index<(u32, VisitorNo)> = Index::new("visitors_by_day");
/// (created day, number) of every short intake still to be completed: the home screen
/// lists them on every return without reading every visitor.
pub const INCOMPLETE_INTAKES: Index<(u32, VisitorNo)> = Index::new("incomplete_intakes");
pub const PERSONAL: Table<VisitorNo, Sealed> = Table::new("personal");
pub const OFFERINGS: Table<OfferingId, Offering> = Table::new("offerings");
pub const SESSIONS: Table<SessionId, SessionRecord> = Table::new("sessions");
pub const SESSIONS_BY_DAY: Index<(u32, SessionId)> = Index::new("sessions_by_day");
/// (session, visitor): one check-in per visitor and session, by construction.
pub const CHECKINS: Table<(SessionId, VisitorNo), CheckInRecord> = Table::new("checkins");
/// (session, tally category) → heads counted.
pub const TALLIES: Table<(SessionId, RefId), u32> = Table::new("tallies");
pub const REFERENCE: Table<(u8, RefId), RefEntry> = Table::new("reference");
pub const AUDIT: Table<u64, AuditEntry> = Table::new("audit");
pub const AUDIT_BY_VISITOR: Index<(VisitorNo, u64)> = Index::new("audit_by_visitor");
/// (day, kind, id) → count; see [`StatKind`].
pub const DAY_STATS: Table<(u32, u8, u32), u32> = Table::new("day_stats");
pub const DAY_NOTES: Table<u32, String> = Table::new("day_notes");
/// (day, user): who logged in on a day, so the day summary names the staff
/// on duty without reading the audit log.
pub const LOGINS_BY_DAY: Index<(u32, String)> = Index::new("logins_by_day");
/// Block of visitor numbers (`number / PERSONAL_BLOCK`) → sealed search
/// entries of its visitors (see `desk::search_cache`): an unlock opens these
/// instead of every record.
pub const SEARCH_CACHE: Table<u32, Sealed> = Table::new("search_cache");
/// Block of visitor numbers → how often a sealed record in it was written
/// or removed; kept by every `Writer` at commit, so a cache can tell it is
/// out of date without opening a record.
pub const PERSONAL_GENERATIONS: Table<u32, u64> = Table::new("personal_generations");
/// Visitor numbers per block of [`PERSONAL_GENERATIONS`].
pub const PERSONAL_BLOCK: u32 = 10_000;

// ---- Sprachvermittlung (issue 16). Missing tables read as empty: no schema bump. ----
pub const POOL: Table<PoolId, PoolMember> = Table::new("pool");
/// Pool member → sealed full name, phone, e-mail and availability note.
pub const POOL_CONTACT: Table<PoolId, Sealed> = Table::new("pool_contact");
pub const REQUESTS: Table<RequestId, MediationRequest> = Table::new("requests");
/// Request → sealed purpose, place and reason.
pub const REQUEST_DETAILS: Table<RequestId, Sealed> = Table::new("request_details");
// --- Security (issue 13) ---

/// User → the account's role and whether it holds a key slot, sealed under
/// the data key by the coordinator who granted it: a role flipped in the
/// plaintext `staff` table no longer matches, so it buys no key slot.
pub const STAFF_GRANTS: Table<String, Sealed> = Table::new("staff_grants");
/// Visitor numbers whose personal data was erased, with when: a restore
/// applies them to the backup, so an erased person never comes back.
pub const ERASED: Table<VisitorNo, jiff::Timestamp> = Table::new("erased");
/// Day → that day's counters (languages and needs of new visitors,
/// referrals), sealed: see `desk::stats`. Replaces the plaintext `DAY_STATS`.
pub const SEALED_DAY_STATS: Table<u32, Sealed> = Table::new("day_stats_sealed");
/// User → true: the passphrase was handed out by `rekey` and must be
/// changed at the next sign-in.
pub const MUST_CHANGE_PASSPHRASE: Table<String, bool> = Table::new("must_change_passphrase");
