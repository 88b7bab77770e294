//! The reference lists the intake offers (languages, nationalities, housing, needs,
//! offerings, partners) and the consent text version from the settings.

use crate::desk::{
    Answer, Desk, DeskResult, Housing, OfferingId, PersonalData, RefEntry, RefId, RefList,
};

/// The reference lists the questions offer, with the ids behind each label.
pub struct Refs {
    pub languages: Vec<(RefId, String)>,
    pub nationalities: Vec<(RefId, String)>,
    pub housing: Vec<(RefId, String)>,
    pub needs: Vec<(RefId, String)>,
    pub offerings: Vec<(OfferingId, String)>,
    /// Named partners of the offerings (e.g. *pro beruf*), for the consent to pass contact on.
    pub partners: Vec<String>,
    pub consent_version: String,
}

/// Entries offered for new choices: not archived, unless `keep` already uses them.
fn usable(entries: Vec<(RefId, RefEntry)>, keep: &[RefId]) -> Vec<(RefId, String)> {
    entries
        .into_iter()
        .filter(|(id, e)| !e.archived || keep.contains(id))
        .map(|(id, e)| (id, e.label))
        .collect()
}

impl Refs {
    /// Loads the lists; `keep` is the record being edited, whose archived choices stay valid.
    pub fn load(desk: &Desk, keep: Option<&PersonalData>) -> DeskResult<Refs> {
        let given = |a: &Answer<Vec<RefId>>| a.given().cloned().unwrap_or_default();
        let single = |a: &Answer<RefId>| a.given().copied().into_iter().collect::<Vec<_>>();
        type Kept = (
            Vec<RefId>,
            Vec<RefId>,
            Vec<RefId>,
            Vec<RefId>,
            Vec<OfferingId>,
        );
        let (langs, nats, units, needs, offered): Kept = match keep {
            Some(d) => (
                given(&d.languages)
                    .into_iter()
                    .chain(d.consent.explained_in)
                    .collect(),
                single(&d.nationality),
                match d.housing.given() {
                    Some(Housing::Unit(id)) => vec![*id],
                    _ => Vec::new(),
                },
                given(&d.needs),
                d.referrals.iter().map(|r| r.offering).collect(),
            ),
            None => Default::default(),
        };
        let offerings_all = desk.offerings()?;
        let mut partners: Vec<String> = offerings_all
            .iter()
            .filter(|(_, o)| !o.archived)
            .map(|(_, o)| o.partner.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if let Some(d) = keep {
            partners.extend(d.consent.pass_to_partners.iter().cloned());
        }
        partners.sort();
        partners.dedup();
        Ok(Refs {
            languages: usable(desk.reference(RefList::Languages)?, &langs),
            nationalities: usable(desk.reference(RefList::Nationalities)?, &nats),
            housing: usable(desk.reference(RefList::Housing)?, &units),
            needs: usable(desk.reference(RefList::Needs)?, &needs),
            offerings: offerings_all
                .into_iter()
                .filter(|(id, o)| !o.archived || offered.contains(id))
                .map(|(id, o)| (id, o.name))
                .collect(),
            partners,
            consent_version: desk.settings()?.consent_text_version,
        })
    }
}
