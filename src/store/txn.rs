//! Read and write transactions over the typed tables.

use std::any::Any;
use std::collections::BTreeSet;
use std::ops::RangeBounds;

use redb::{ReadableTable, ReadableTableMetadata, TableError};
use serde::{Serialize, de::DeserializeOwned};

use super::StoreError;
use super::codec;
use super::records::VisitorNo;
use super::tables::{Index, OwnedKey, PERSONAL, PERSONAL_BLOCK, PERSONAL_GENERATIONS, Table};

/// A consistent snapshot of the database.
pub struct Reader {
    pub(super) txn: redb::ReadTransaction,
}

/// One atomic, durable change: nothing is visible or kept until `commit`.
pub struct Writer {
    pub(super) txn: redb::WriteTransaction,
    /// Blocks of visitor numbers whose sealed record was written or removed:
    /// their generation goes up at commit, which tells every cache of
    /// sealed records that it is out of date, whoever made the change.
    pub(super) personal_blocks: BTreeSet<u32>,
}

fn decode_value<V: DeserializeOwned>(table: &str, bytes: &[u8]) -> Result<V, StoreError> {
    codec::decode(bytes).map_err(|e| StoreError::damaged_record(table, e))
}

fn get_in<K: OwnedKey, V: DeserializeOwned>(
    table: &impl ReadableTable<K, &'static [u8]>,
    name: &str,
    key: &K,
) -> Result<Option<V>, StoreError> {
    match table.get(key)? {
        Some(guard) => Ok(Some(decode_value(name, guard.value())?)),
        None => Ok(None),
    }
}

fn scan_in<K: OwnedKey, V: DeserializeOwned>(
    table: &impl ReadableTable<K, &'static [u8]>,
    name: &str,
    range: impl RangeBounds<K>,
    reverse: bool,
    mut visit: impl FnMut(K, V) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    let iter = table.range::<K>(range)?;
    let mut step = |item: Result<
        (redb::AccessGuard<'_, K>, redb::AccessGuard<'_, &[u8]>),
        redb::StorageError,
    >|
     -> Result<bool, StoreError> {
        let (k, v) = item?;
        visit(k.value(), decode_value(name, v.value())?)
    };
    if reverse {
        for item in iter.rev() {
            if !step(item)? {
                break;
            }
        }
    } else {
        for item in iter {
            if !step(item)? {
                break;
            }
        }
    }
    Ok(())
}

/// Keys only, of an index or of a table whose values are not needed.
fn keys_in<K: OwnedKey, V: redb::Value + 'static>(
    table: &impl ReadableTable<K, V>,
    range: impl RangeBounds<K>,
) -> Result<Vec<K>, StoreError> {
    let mut out = Vec::new();
    for item in table.range::<K>(range)? {
        out.push(item?.0.value());
    }
    Ok(out)
}

/// Visits keys only, in key order, until `visit` returns false.
fn scan_keys_in<K: OwnedKey, V: redb::Value + 'static>(
    table: &impl ReadableTable<K, V>,
    range: impl RangeBounds<K>,
    mut visit: impl FnMut(K) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    for item in table.range::<K>(range)? {
        if !visit(item?.0.value())? {
            break;
        }
    }
    Ok(())
}

fn present_in<K: OwnedKey, V: redb::Value + 'static>(
    table: &impl ReadableTable<K, V>,
    keys: impl IntoIterator<Item = K>,
) -> Result<Vec<K>, StoreError> {
    let mut out = Vec::new();
    for key in keys {
        if table.get(&key)?.is_some() {
            out.push(key);
        }
    }
    Ok(out)
}

/// Reading, the same in a snapshot and inside a write.
pub trait Read {
    fn get<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        key: &K,
    ) -> Result<Option<V>, StoreError>;

    /// Visits entries in key order (or reversed) until `visit` returns false.
    fn scan<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
        reverse: bool,
        visit: impl FnMut(K, V) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError>;

    fn index_keys<K: OwnedKey>(
        &self,
        index: Index<K>,
        range: impl RangeBounds<K>,
    ) -> Result<Vec<K>, StoreError>;

    fn count<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
    ) -> Result<u64, StoreError>;

    /// The keys of a range, in key order, without decoding the values:
    /// for counting and following links (check-ins of a session) in bulk.
    fn keys<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
    ) -> Result<Vec<K>, StoreError>;

    /// Visits the keys of a range without decoding values or collecting
    /// them: a pass over a million check-ins allocates nothing.
    fn scan_keys<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
        visit: impl FnMut(K) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError>;

    /// Those of `keys` that have an entry, in the order given; the table is
    /// opened once for all of them.
    fn present<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<Vec<K>, StoreError>;

    /// All entries of a range, in key order.
    fn range<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
    ) -> Result<Vec<(K, V)>, StoreError> {
        let mut out = Vec::new();
        self.scan(table, range, false, |k, v| {
            out.push((k, v));
            Ok(true)
        })?;
        Ok(out)
    }

    /// The entry with the greatest key.
    fn last<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
    ) -> Result<Option<(K, V)>, StoreError> {
        let mut out = None;
        self.scan(table, .., true, |k, v| {
            out = Some((k, v));
            Ok(false)
        })?;
        Ok(out)
    }
}

impl Reader {
    /// A table that a migration has not created yet reads as empty.
    fn open<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
    ) -> Result<Option<redb::ReadOnlyTable<K, &'static [u8]>>, StoreError> {
        match self.txn.open_table(table.def()) {
            Ok(t) => Ok(Some(t)),
            Err(TableError::TableDoesNotExist(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

impl Read for Reader {
    fn get<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        key: &K,
    ) -> Result<Option<V>, StoreError> {
        match self.open(table)? {
            Some(t) => get_in(&t, table.name, key),
            None => Ok(None),
        }
    }

    fn scan<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
        reverse: bool,
        visit: impl FnMut(K, V) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        match self.open(table)? {
            Some(t) => scan_in(&t, table.name, range, reverse, visit),
            None => Ok(()),
        }
    }

    fn index_keys<K: OwnedKey>(
        &self,
        index: Index<K>,
        range: impl RangeBounds<K>,
    ) -> Result<Vec<K>, StoreError> {
        match self.txn.open_table(index.def()) {
            Ok(t) => keys_in(&t, range),
            Err(TableError::TableDoesNotExist(_)) => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }

    fn count<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
    ) -> Result<u64, StoreError> {
        match self.open(table)? {
            Some(t) => Ok(t.len()?),
            None => Ok(0),
        }
    }

    fn keys<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
    ) -> Result<Vec<K>, StoreError> {
        match self.open(table)? {
            Some(t) => keys_in(&t, range),
            None => Ok(Vec::new()),
        }
    }

    fn scan_keys<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
        visit: impl FnMut(K) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        match self.open(table)? {
            Some(t) => scan_keys_in(&t, range, visit),
            None => Ok(()),
        }
    }

    fn present<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<Vec<K>, StoreError> {
        match self.open(table)? {
            Some(t) => present_in(&t, keys),
            None => Ok(Vec::new()),
        }
    }
}

impl Read for Writer {
    fn get<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        key: &K,
    ) -> Result<Option<V>, StoreError> {
        get_in(&self.txn.open_table(table.def())?, table.name, key)
    }

    fn scan<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
        reverse: bool,
        visit: impl FnMut(K, V) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        scan_in(
            &self.txn.open_table(table.def())?,
            table.name,
            range,
            reverse,
            visit,
        )
    }

    fn index_keys<K: OwnedKey>(
        &self,
        index: Index<K>,
        range: impl RangeBounds<K>,
    ) -> Result<Vec<K>, StoreError> {
        keys_in(&self.txn.open_table(index.def())?, range)
    }

    fn count<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
    ) -> Result<u64, StoreError> {
        Ok(self.txn.open_table(table.def())?.len()?)
    }

    fn keys<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
    ) -> Result<Vec<K>, StoreError> {
        keys_in(&self.txn.open_table(table.def())?, range)
    }

    fn scan_keys<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        range: impl RangeBounds<K>,
        visit: impl FnMut(K) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        scan_keys_in(&self.txn.open_table(table.def())?, range, visit)
    }

    fn present<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &self,
        table: Table<K, V>,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<Vec<K>, StoreError> {
        present_in(&self.txn.open_table(table.def())?, keys)
    }
}

impl Writer {
    pub(super) fn new(txn: redb::WriteTransaction) -> Self {
        Writer {
            txn,
            personal_blocks: BTreeSet::new(),
        }
    }

    fn note_change<K: OwnedKey>(&mut self, table: &str, key: &K) {
        if table == PERSONAL.name
            && let Some(no) = (key as &dyn Any).downcast_ref::<VisitorNo>()
        {
            self.personal_blocks.insert(no / PERSONAL_BLOCK);
        }
    }

    pub fn put<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &mut self,
        table: Table<K, V>,
        key: &K,
        value: &V,
    ) -> Result<(), StoreError> {
        let bytes = codec::encode(value).map_err(|e| StoreError::damaged_record(table.name, e))?;
        self.note_change(table.name, key);
        self.txn
            .open_table(table.def())?
            .insert(key, bytes.as_slice())?;
        Ok(())
    }

    /// Puts `value` unless `key` has an entry; true if it was put. One
    /// opening of the table for both, which a hot path notices.
    pub fn put_new<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &mut self,
        table: Table<K, V>,
        key: &K,
        value: &V,
    ) -> Result<bool, StoreError> {
        let bytes = codec::encode(value).map_err(|e| StoreError::damaged_record(table.name, e))?;
        self.note_change(table.name, key);
        let mut t = self.txn.open_table(table.def())?;
        if t.get(key)?.is_some() {
            return Ok(false);
        }
        t.insert(key, bytes.as_slice())?;
        Ok(true)
    }

    /// Many entries with the table opened once: opening a table per entry
    /// dominates a bulk load of a million check-ins.
    pub fn put_many<'a, K: OwnedKey, V: Serialize + DeserializeOwned + 'a>(
        &mut self,
        table: Table<K, V>,
        entries: impl IntoIterator<Item = (K, &'a V)>,
    ) -> Result<(), StoreError> {
        let mut t = self.txn.open_table(table.def())?;
        let mut changed = Vec::new();
        for (key, value) in entries {
            let bytes =
                codec::encode(value).map_err(|e| StoreError::damaged_record(table.name, e))?;
            t.insert(&key, bytes.as_slice())?;
            changed.push(key);
        }
        drop(t);
        for key in &changed {
            self.note_change(table.name, key);
        }
        Ok(())
    }

    /// Many index keys with the index opened once (see [`Writer::put_many`]).
    pub fn index_insert_many<K: OwnedKey>(
        &mut self,
        index: Index<K>,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<(), StoreError> {
        let mut t = self.txn.open_table(index.def())?;
        for key in keys {
            t.insert(&key, ())?;
        }
        Ok(())
    }

    /// Removes an entry; true if there was one.
    pub fn remove<K: OwnedKey, V: Serialize + DeserializeOwned>(
        &mut self,
        table: Table<K, V>,
        key: &K,
    ) -> Result<bool, StoreError> {
        self.note_change(table.name, key);
        Ok(self.txn.open_table(table.def())?.remove(key)?.is_some())
    }

    pub fn index_insert<K: OwnedKey>(
        &mut self,
        index: Index<K>,
        key: &K,
    ) -> Result<(), StoreError> {
        self.txn.open_table(index.def())?.insert(key, ())?;
        Ok(())
    }

    pub fn index_remove<K: OwnedKey>(
        &mut self,
        index: Index<K>,
        key: &K,
    ) -> Result<(), StoreError> {
        self.txn.open_table(index.def())?.remove(key)?;
        Ok(())
    }

    /// Makes the change durable: when this returns Ok, it survives a crash or
    /// power loss (redb's immediate durability: fsync before returning).
    pub fn commit(mut self) -> Result<(), StoreError> {
        let blocks = std::mem::take(&mut self.personal_blocks);
        for block in blocks {
            let generation: u64 = self.get(PERSONAL_GENERATIONS, &block)?.unwrap_or(0);
            self.put(PERSONAL_GENERATIONS, &block, &generation.wrapping_add(1))?;
        }
        self.txn.commit()?;
        Ok(())
    }
}
