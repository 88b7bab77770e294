//! Mediation requests (Sprachvermittlung): a visitor needs someone for a
//! language at an appointment (Jobcenter, doctor, Sozialberatung). The desk
//! creates them, assigns a pool member, and marks them done or not met.

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::login::Login;
use super::personal::{GermanLevel, PersonalData};
use super::pool::{Mediator, level_of};
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::codec;
use crate::store::records::{
    AuditAction, MediationRequest, PoolId, RefEntry, RefId, RefList, RequestId, RequestStatus,
    VisitorNo, VisitorStatus,
};
use crate::store::tables::{POOL, REQUEST_DETAILS, REQUESTS, VISITORS};
use crate::store::{Read, Writer};
use crate::vault::{self, DataKey, SealContext, Sealed};

pub const MAX_REQUEST_TEXT: usize = 200;

/// A request's sealed part: it says what the appointment is about.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct RequestDetails {
    pub purpose: String,
    pub place: String,
    /// Why it was not met.
    pub reason: String,
}

impl std::fmt::Debug for RequestDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RequestDetails(sealed)")
    }
}

/// What the desk enters for a new request.
#[derive(Debug, Clone)]
pub struct RequestInput {
    pub visitor: VisitorNo,
    pub language: RefId,
    pub purpose: String,
    pub place: String,
    pub date: Date,
    pub time: Time,
}

/// A request as the list shows it.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub id: RequestId,
    pub record: MediationRequest,
    pub language: String,
    /// None after the visitor was erased.
    pub details: Option<RequestDetails>,
    pub interpreter: Option<String>,
}

/// What assigning did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssignOutcome {
    Assigned,
    /// The pool member does not speak the language: nothing was written;
    /// ask, then assign again with `anyway`.
    DoesNotSpeak {
        interpreter: String,
        language: String,
    },
}

/// How a request ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestEnd {
    Done,
    NotMet { reason: String },
}

/// The languages list names German "Deutsch" (seed); "German" if renamed.
fn is_german(label: &str) -> bool {
    super::reference::same_label(label, "Deutsch") || super::reference::same_label(label, "German")
}

/// A visitor without (enough) German: they asked for an interpreter, their
/// German is below B1, or nothing is known of it and German is not among
/// their languages.
fn needs_mediation(data: &PersonalData, labels: &[(RefId, RefEntry)]) -> bool {
    if data.interpreter_needed.given() == Some(&true) {
        return true;
    }
    if let Some(level) = data.german_level.given() {
        return *level < GermanLevel::B1;
    }
    data.languages.given().is_some_and(|langs| {
        !langs
            .iter()
            .any(|l| labels.iter().any(|(id, e)| id == l && is_german(&e.label)))
    })
}

fn context(id: RequestId) -> SealContext<'static> {
    SealContext {
        table: REQUEST_DETAILS.name,
        record: u64::from(id),
        format: codec::FORMAT_VERSION,
    }
}

pub(super) fn seal_details(
    key: &DataKey,
    id: RequestId,
    details: &RequestDetails,
) -> DeskResult<Sealed> {
    let plain = Zeroizing::new(
        codec::encode(details).map_err(|_| DeskError::invalid("request", "cannot be encoded"))?,
    );
    Ok(vault::seal(key, context(id), &plain)?)
}

pub(super) fn open_details(
    r: &impl Read,
    key: &DataKey,
    id: RequestId,
) -> DeskResult<Option<RequestDetails>> {
    let Some(sealed) = r.get(REQUEST_DETAILS, &id)? else {
        return Ok(None);
    };
    let plain = vault::open(key, context(id), &sealed)?;
    codec::decode(&plain)
        .map(Some)
        .map_err(|e| crate::store::StoreError::damaged_record(REQUEST_DETAILS.name, e).into())
}

fn check_text(field: &'static str, text: &str, required: bool) -> DeskResult<()> {
    if required && text.trim().is_empty() {
        return Err(DeskError::invalid(field, "must not be empty"));
    }
    if text.chars().count() > MAX_REQUEST_TEXT {
        return Err(DeskError::invalid(
            field,
            format!("longer than {MAX_REQUEST_TEXT} characters"),
        ));
    }
    Ok(())
}

fn audit(w: &mut Writer, by: &Login, visitor: Option<VisitorNo>, detail: String) -> DeskResult<()> {
    super::audit::record(w, by.user(), AuditAction::RequestChanged, visitor, &detail)?;
    Ok(())
}

/// A visitor's requests for the access export (Art. 15), oldest first.
pub(super) fn access_requests(
    desk: &Desk,
    key: &DataKey,
    no: VisitorNo,
) -> DeskResult<Vec<crate::report::access::AccessRequest>> {
    let r = desk.store.read()?;
    let mut out = Vec::new();
    for (id, request) in r.range(REQUESTS, ..)? {
        if request.visitor != Some(no) {
            continue;
        }
        let details = open_details(&r, key, id)?.unwrap_or_default();
        out.push(crate::report::access::AccessRequest {
            date: request.date,
            time: request.time.strftime("%H:%M").to_string(),
            language: super::reference::label_in(&r, RefList::Languages, request.language)?,
            purpose: details.purpose.clone(),
            place: details.place.clone(),
            status: request.status.as_str().to_string(),
            reason: details.reason.clone(),
        });
    }
    out.sort_by(|a, b| (a.date, &a.time).cmp(&(b.date, &b.time)));
    Ok(out)
}

/// Erasure of a visitor: their requests keep language, date and outcome for
/// the counts, and lose the link and the sealed details.
pub(super) fn forget_visitor(w: &mut Writer, no: VisitorNo) -> DeskResult<()> {
    let mut mine = Vec::new();
    w.scan(REQUESTS, .., false, |id, request| {
        if request.visitor == Some(no) {
            mine.push((id, request));
        }
        Ok(true)
    })?;
    for (id, mut request) in mine {
        request.visitor = None;
        w.put(REQUESTS, &id, &request)?;
        w.remove(REQUEST_DETAILS, &id)?;
    }
    Ok(())
}

fn pending_request(w: &Writer, id: RequestId) -> DeskResult<MediationRequest> {
    let request = w
        .get(REQUESTS, &id)?
        .ok_or(DeskError::NotFound("request"))?;
    if !request.status.is_pending() {
        return Err(DeskError::invalid(
            "request",
            format!(
                "request {id} is already closed ({})",
                request.status.as_str()
            ),
        ));
    }
    Ok(request)
}

impl Desk {
    /// Creates a request (staff with data access). Returns its id.
    pub fn add_request(&self, by: &Login, input: &RequestInput) -> DeskResult<RequestId> {
        let key = by.key(Capability::WritePersonal)?;
        check_text("purpose", &input.purpose, true)?;
        check_text("place", &input.place, false)?;
        let mut w = self.store.write()?;
        let meta = w
            .get(VISITORS, &input.visitor)?
            .ok_or(DeskError::NoSuchVisitor(input.visitor))?;
        if meta.status == VisitorStatus::Erased {
            return Err(DeskError::Erased(input.visitor));
        }
        let languages = super::reference::list_in(&w, RefList::Languages)?;
        if !languages.iter().any(|(id, _)| *id == input.language) {
            return Err(DeskError::invalid(
                "language",
                "unknown language; it must come from the languages list",
            ));
        }
        let id = w.last(REQUESTS)?.map_or(1, |(k, _)| k + 1);
        let request = MediationRequest {
            visitor: Some(input.visitor),
            language: input.language,
            date: input.date,
            time: input.time,
            status: RequestStatus::Open,
            interpreter: None,
            created: self.today(),
        };
        w.put(REQUESTS, &id, &request)?;
        let details = RequestDetails {
            purpose: input.purpose.trim().to_string(),
            place: input.place.trim().to_string(),
            reason: String::new(),
        };
        w.put(REQUEST_DETAILS, &id, &seal_details(key, id, &details)?)?;
        audit(
            &mut w,
            by,
            Some(input.visitor),
            format!("request {id} added"),
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Requests by date and time; only open and assigned ones if `pending_only`.
    pub fn requests(&self, by: &Login, pending_only: bool) -> DeskResult<Vec<RequestView>> {
        let key = by.key(Capability::ReadPersonal)?;
        let r = self.store.read()?;
        let mut out = Vec::new();
        for (id, record) in r.range(REQUESTS, ..)? {
            if pending_only && !record.status.is_pending() {
                continue;
            }
            let details = open_details(&r, key, id)?;
            let interpreter = match record.interpreter {
                Some(pid) => Some(match r.get(POOL, &pid)? {
                    Some(m) if !m.removed => super::pool::open_contact(&r, key, pid)?.name.clone(),
                    _ => format!("#{pid}"),
                }),
                None => None,
            };
            let language = super::reference::label_in(&r, RefList::Languages, record.language)?;
            out.push(RequestView {
                id,
                record,
                language,
                details,
                interpreter,
            });
        }
        out.sort_by_key(|v| (v.record.date, v.record.time, v.id));
        Ok(out)
    }

    /// Pool members who speak the request's language and are there at its
    /// date and time, best first.
    pub fn request_suggestions(&self, by: &Login, id: RequestId) -> DeskResult<Vec<Mediator>> {
        let key = by.key(Capability::ReadPersonal)?;
        let r = self.store.read()?;
        let request = r
            .get(REQUESTS, &id)?
            .ok_or(DeskError::NotFound("request"))?;
        super::pool::mediators_in(
            &r,
            Some(key),
            request.language,
            request.date,
            Some(request.time),
            self.today(),
        )
    }

    /// Assigns a pool member. One who does not speak the language is
    /// refused with [`AssignOutcome::DoesNotSpeak`] unless `anyway`.
    pub fn assign_request(
        &self,
        by: &Login,
        id: RequestId,
        member: PoolId,
        anyway: bool,
    ) -> DeskResult<AssignOutcome> {
        let key = by.key(Capability::WritePersonal)?;
        let mut w = self.store.write()?;
        let mut request = pending_request(&w, id)?;
        let pool_member = w
            .get(POOL, &member)?
            .filter(|m| !m.removed)
            .ok_or(DeskError::NotFound("pool member"))?;
        if level_of(&pool_member, request.language).is_none() && !anyway {
            let interpreter = super::pool::open_contact(&w, key, member)?.name.clone();
            let language = super::reference::list_in(&w, RefList::Languages)?
                .into_iter()
                .find(|(lid, _)| *lid == request.language)
                .map_or_else(|| format!("#{}", request.language), |(_, e)| e.label);
            return Ok(AssignOutcome::DoesNotSpeak {
                interpreter,
                language,
            });
        }
        request.interpreter = Some(member);
        request.status = RequestStatus::Assigned;
        w.put(REQUESTS, &id, &request)?;
        audit(
            &mut w,
            by,
            request.visitor,
            format!("request {id} assigned to pool {member}"),
        )?;
        w.commit()?;
        Ok(AssignOutcome::Assigned)
    }

    /// Marks a request done or not met (with a reason).
    pub fn close_request(&self, by: &Login, id: RequestId, end: &RequestEnd) -> DeskResult<()> {
        let key = by.key(Capability::WritePersonal)?;
        let mut w = self.store.write()?;
        let mut request = pending_request(&w, id)?;
        match end {
            RequestEnd::Done => request.status = RequestStatus::Done,
            RequestEnd::NotMet { reason } => {
                check_text("reason", reason, true)?;
                request.status = RequestStatus::NotMet;
                if let Some(mut details) = open_details(&w, key, id)? {
                    details.reason = reason.trim().to_string();
                    w.put(REQUEST_DETAILS, &id, &seal_details(key, id, &details)?)?;
                }
            }
        }
        w.put(REQUESTS, &id, &request)?;
        audit(
            &mut w,
            by,
            request.visitor,
            format!("request {id} {}", request.status.as_str()),
        )?;
        w.commit()?;
        Ok(())
    }

    /// Who can mediate each language of a visitor who needs it, today:
    /// the visitor's languages except German, when their German is below B1
    /// or they asked for an interpreter. Empty when they need no one.
    pub fn mediators_for_visitor(
        &self,
        by: &Login,
        no: VisitorNo,
    ) -> DeskResult<Vec<(RefId, String, Vec<Mediator>)>> {
        let key = by.key(Capability::ReadPersonal)?;
        let r = self.store.read()?;
        let (_, data) = super::visitors::personal_in(&r, key, no)?;
        let labels = super::reference::list_in(&r, RefList::Languages)?;
        if !needs_mediation(&data, &labels) {
            return Ok(Vec::new());
        }
        let today = self.today();
        let mut out = Vec::new();
        for &language in data.languages.given().map(Vec::as_slice).unwrap_or(&[]) {
            let label = labels
                .iter()
                .find(|(id, _)| *id == language)
                .map_or_else(|| format!("#{language}"), |(_, e)| e.label.clone());
            if is_german(&label) {
                continue;
            }
            let found = super::pool::mediators_in(&r, Some(key), language, today, None, today)?;
            out.push((language, label, found));
        }
        Ok(out)
    }
}
