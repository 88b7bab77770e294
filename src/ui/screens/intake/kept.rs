//! The intake's unsaved input as a plain value, so a lock can seal it and the same
//! person's unlock can put it back exactly where they were.

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::desk::{SessionId, VisitorNo};
use crate::ui::screen::Ctx;

use super::fields::{Field, Input, Mark};
use super::{Intake, Phase, Purpose, visitor_label};

#[derive(Debug, Clone, Serialize, Deserialize)]
enum KeptPurpose {
    New {
        session: Option<SessionId>,
        household_with: Option<VisitorNo>,
    },
    Edit {
        no: VisitorNo,
    },
}

/// One answer: whichever of the value kinds its question has, and its mark.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Zeroize)]
struct KeptField {
    text: String,
    chosen: Option<usize>,
    checked: Vec<usize>,
    mark: u8,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IntakeDraft {
    purpose: KeptPurpose,
    step: usize,
    focus: usize,
    fields: Vec<Vec<KeptField>>,
    household_pick: Option<VisitorNo>,
    duplicates_dismissed: bool,
}

impl Drop for IntakeDraft {
    fn drop(&mut self) {
        self.fields.iter_mut().flatten().for_each(Zeroize::zeroize);
    }
}

fn mark_code(mark: Mark) -> u8 {
    match mark {
        Mark::None => 0,
        Mark::NotAsked => 1,
        Mark::Unknown => 2,
        Mark::Declined => 3,
    }
}

fn mark_of(code: u8) -> Mark {
    match code {
        1 => Mark::NotAsked,
        2 => Mark::Unknown,
        3 => Mark::Declined,
        _ => Mark::None,
    }
}

fn keep_field(field: &Field) -> KeptField {
    let mut kept = KeptField {
        mark: mark_code(field.mark),
        ..KeptField::default()
    };
    match &field.input {
        Input::Text(t) => kept.text = t.value().to_string(),
        Input::Cycle { chosen, .. } | Input::Radio { chosen, .. } => kept.chosen = *chosen,
        Input::Multi(m) => kept.checked = m.checked(),
    }
    kept
}

fn put_back(field: &mut Field, kept: &KeptField) {
    field.mark = mark_of(kept.mark);
    match &mut field.input {
        Input::Text(t) => t.set_value(&kept.text),
        Input::Cycle {
            chosen, options, ..
        } => *chosen = kept.chosen.filter(|&c| c < options.len()),
        Input::Radio { chosen, list } => {
            *chosen = kept.chosen.filter(|&c| c < list.items().len());
            if let Some(c) = *chosen {
                list.select(c);
            }
        }
        Input::Multi(m) => {
            for i in 0..m.items().len() {
                m.set_checked(i, kept.checked.contains(&i));
            }
        }
    }
}

impl Intake {
    /// The input worth keeping across a lock: the form, not a number already shown.
    pub(super) fn to_draft(&self) -> Option<IntakeDraft> {
        if !matches!(self.phase, Phase::Form | Phase::Duplicates { .. }) {
            return None;
        }
        let purpose = match &self.purpose {
            Purpose::New {
                session,
                household_with,
            } => KeptPurpose::New {
                session: *session,
                household_with: *household_with,
            },
            Purpose::Edit { no, .. } => KeptPurpose::Edit { no: *no },
        };
        Some(IntakeDraft {
            purpose,
            step: self.step,
            focus: self.focus,
            fields: self
                .steps
                .iter()
                .map(|page| page.iter().map(keep_field).collect())
                .collect(),
            household_pick: self.household_pick.as_ref().map(|(no, _)| *no),
            duplicates_dismissed: self.duplicates_dismissed,
        })
    }

    /// The form as it was when the lock came, opened afresh (an edit reads the record
    /// again) and filled with the kept answers.
    pub fn restore(draft: &IntakeDraft, ctx: &mut Ctx<'_>) -> Option<Self> {
        let mut intake = match draft.purpose {
            KeptPurpose::New {
                session,
                household_with,
            } => Self::open(
                Purpose::New {
                    session,
                    household_with,
                },
                ctx,
            )?,
            KeptPurpose::Edit { no } => Self::edit(no, ctx)?,
        };
        for (page, kept_page) in intake.steps.iter_mut().zip(&draft.fields) {
            for (field, kept) in page.iter_mut().zip(kept_page) {
                put_back(field, kept);
            }
        }
        intake.household_pick = draft
            .household_pick
            .map(|no| (no, visitor_label(ctx.index.as_deref(), no)));
        intake.duplicates_dismissed = draft.duplicates_dismissed;
        intake.dirty = true;
        intake.step = draft.step.min(intake.steps.len().saturating_sub(1));
        let fields = intake.steps.get(intake.step).map_or(0, Vec::len);
        intake.set_focus(draft.focus.min(fields.saturating_sub(1)));
        Some(intake)
    }
}
