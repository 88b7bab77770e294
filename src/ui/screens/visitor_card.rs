//! The visitor card: personal data, household, needs, consent, referrals and
//! visits of one visitor, scrollable. From here staff edit the record; the
//! coordinator also exports it (Art. 15) or erases it (Art. 17).
//!
//! Opening the card is audited by the desk as a view.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{Capability, Login, VisitorCard as CardData, VisitorNo, VisitorStatus};
use crate::report::access::{AccessPersonal, Field, save_access_export};
use crate::report::output::default_folder;
use crate::search::format_visitor_number;
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill, format_date};
use crate::ui::layout::{inset, row, text};
use crate::ui::navigation;
use crate::ui::sanitize::wrap;
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::mediation_today;
use crate::ui::theme::Theme;
use crate::ui::widgets::{Asked, Confirm, ask};

/// Labels take this many cells; values wrap in the rest.
const LABEL_W: usize = 26;

/// One logical line of the card; wrapped to the width when drawn.
enum Line {
    /// Cut to one row: the full names follow in the fields below.
    Title(String),
    Heading(String),
    Field(String, String),
    Item(String),
    Warning(String),
    Blank,
}

pub struct VisitorCard {
    number: VisitorNo,
    lines: Vec<Line>,
    /// First shown row; clamped to the content while drawing.
    scroll: Cell<usize>,
    /// Rows of the last drawing, for paging.
    page: Cell<usize>,
    confirm: Option<(Confirm, ())>,
    erasing: bool,
    /// The edit form is open on top: reload when it closes.
    editing: bool,
}

fn field_text(field: &Field, lang: Lang) -> String {
    match field {
        Field::Empty => Msg::AnswerEmpty.text(lang).into(),
        Field::NotAsked => Msg::ActAnswerNotAsked.text(lang).into(),
        Field::Unknown => Msg::ActAnswerUnknown.text(lang).into(),
        Field::Declined => Msg::ActAnswerDeclined.text(lang).into(),
        Field::Given(value) => value.clone(),
    }
}

fn or_none(items: &[String], sep: &str, lang: Lang) -> String {
    if items.is_empty() {
        Msg::CardNone.text(lang).into()
    } else {
        items.join(sep)
    }
}

/// `محمد الحسن (Mohammed Al-Hassan)`, or whichever spelling there is.
fn both_names(name: &str, latin: &str) -> String {
    match (
        name.trim().is_empty(),
        latin.trim().is_empty() || latin == name,
    ) {
        (false, false) => format!("{name} ({latin})"),
        (false, true) => name.to_string(),
        (true, _) => latin.to_string(),
    }
}

fn build(card: &CardData, p: &AccessPersonal, mediation: &[String], ctx: &Ctx<'_>) -> Vec<Line> {
    let lang = ctx.lang;
    let field = |label: Msg, value: String| Line::Field(label.text(lang).into(), value);
    let heading = |label: Msg| Line::Heading(label.text(lang).into());
    let mut lines = vec![Line::Title(format!(
        "{}  {}",
        format_visitor_number(card.number),
        both_names(&p.name, &p.name_latin)
    ))];
    if card.meta.status == VisitorStatus::Incomplete {
        lines.push(Line::Warning(Msg::CardIncomplete.text(lang).into()));
    }
    lines.push(Line::Blank);
    lines.push(heading(Msg::CardPersonal));
    let or_empty = |s: &str| {
        if s.trim().is_empty() {
            Msg::AnswerEmpty.text(lang).to_string()
        } else {
            s.to_string()
        }
    };
    lines.push(field(Msg::AccessName, or_empty(&p.name)));
    lines.push(field(Msg::AccessNameLatin, or_empty(&p.name_latin)));
    for (label, value) in [
        (Msg::AccessBirth, &p.birth_date),
        (Msg::AccessGender, &p.gender),
        (Msg::AccessPhone, &p.phone),
        (Msg::AccessNationality, &p.nationality),
        (Msg::AccessLanguages, &p.languages),
        (Msg::AccessGermanLevel, &p.german_level),
        (Msg::AccessInterpreter, &p.interpreter_needed),
        (Msg::AccessHousing, &p.housing),
    ] {
        lines.push(field(label, field_text(value, lang)));
    }
    lines.push(field(
        Msg::AccessRegistered,
        format_date(card.meta.created, lang),
    ));
    lines.push(field(
        Msg::AccessLastSeen,
        format_date(card.meta.last_seen, lang),
    ));
    lines.push(Line::Blank);

    // Sprachvermittlung: who can mediate today, for a visitor without German.
    if !mediation.is_empty() {
        lines.push(heading(Msg::CardMediationToday));
        lines.extend(mediation.iter().cloned().map(Line::Item));
        lines.push(Line::Blank);
    }

    lines.push(heading(Msg::AccessHousehold));
    if card.household.is_empty() {
        lines.push(Line::Item(Msg::CardNone.text(lang).into()));
    }
    let index = ctx.index.as_deref();
    for &member in &card.household {
        let name = index
            .and_then(|i| i.get(member))
            .map(|e| both_names(&e.name, &e.name_latin))
            .unwrap_or_default();
        lines.push(Line::Item(format!(
            "{}  {name}",
            format_visitor_number(member)
        )));
    }
    lines.push(Line::Blank);

    lines.push(heading(Msg::AccessNeeds));
    lines.push(Line::Item(field_text(&p.needs, lang)));
    lines.push(Line::Blank);

    lines.push(heading(Msg::AccessConsent));
    lines.push(field(
        Msg::AccessConsent,
        fill(
            Msg::AccessConsentValue,
            lang,
            &[
                ("date", &p.consent_date),
                ("version", &p.consent_text_version),
                ("language", &or_empty(&p.consent_explained_in)),
            ],
        ),
    ));
    let yes_no = if p.consent_store_at_mila {
        Msg::Yes
    } else {
        Msg::No
    };
    lines.push(field(Msg::CardStoreAtMila, yes_no.text(lang).into()));
    lines.push(field(
        Msg::AccessPartners,
        or_none(&p.consent_pass_to_partners, ", ", lang),
    ));
    lines.push(Line::Blank);

    lines.push(heading(Msg::AccessReferrals));
    if p.referrals.is_empty() {
        lines.push(Line::Item(Msg::CardNone.text(lang).into()));
    }
    lines.extend(p.referrals.iter().cloned().map(Line::Item));
    if !p.notes.trim().is_empty() {
        lines.push(Line::Blank);
        lines.push(heading(Msg::AccessNotes));
        lines.push(Line::Item(p.notes.clone()));
    }
    lines.push(Line::Blank);

    lines.push(heading(Msg::CardVisits));
    if card.history.is_empty() {
        lines.push(Line::Item(Msg::CardNoVisits.text(lang).into()));
    }
    for (_, date, offering) in &card.history {
        lines.push(Line::Item(format!(
            "{}  {offering}",
            format_date(*date, lang)
        )));
    }
    lines
}

/// The card's lines as rows of at most `width` cells, sanitised.
fn layout(lines: &[Line], width: usize, theme: &Theme) -> Vec<(String, Style)> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    let wrapped =
        |out: &mut Vec<(String, Style)>, s: &str, indent: &str, w: usize, style: Style| {
            let parts = wrap(s, w.max(1));
            if parts.is_empty() {
                out.push((indent.to_string(), style));
            }
            for part in parts {
                out.push((format!("{indent}{part}"), style));
            }
        };
    for line in lines {
        match line {
            Line::Title(t) => out.push((crate::ui::sanitize::fit(t, width).into_owned(), bold)),
            Line::Heading(t) => wrapped(&mut out, t, "", width, bold),
            Line::Warning(t) => wrapped(&mut out, t, "", width, theme.error),
            Line::Item(t) => wrapped(&mut out, t, "  ", width.saturating_sub(2), theme.body),
            Line::Blank => out.push((String::new(), theme.body)),
            Line::Field(label, value) => {
                let value_w = width.saturating_sub(LABEL_W + 2);
                let parts = wrap(value, value_w.max(1));
                let label = crate::ui::sanitize::fit(label, LABEL_W);
                let pad = LABEL_W.saturating_sub(crate::ui::sanitize::display_width(&label));
                let head = format!("  {label}{}", " ".repeat(pad));
                let mut first = true;
                for part in &parts {
                    let lead = if first {
                        head.clone()
                    } else {
                        " ".repeat(LABEL_W + 2)
                    };
                    out.push((format!("{lead}{part}"), theme.body));
                    first = false;
                }
                if first {
                    out.push((head, theme.body));
                }
            }
        }
    }
    out
}

/// The card holds decrypted personal data: wiped when it closes or the
/// program locks.
impl Drop for VisitorCard {
    fn drop(&mut self) {
        wipe(&mut self.lines);
    }
}

fn wipe(lines: &mut [Line]) {
    use zeroize::Zeroize;
    for line in lines {
        match line {
            Line::Title(t) | Line::Heading(t) | Line::Item(t) | Line::Warning(t) => t.zeroize(),
            Line::Field(label, value) => {
                label.zeroize();
                value.zeroize();
            }
            Line::Blank => {}
        }
    }
}

impl VisitorCard {
    /// Opens the card (audited as a view), or says why not and gives None.
    pub fn open(number: VisitorNo, ctx: &mut Ctx<'_>) -> Option<Self> {
        let lines = Self::load(number, ctx)?;
        Some(Self {
            number,
            lines,
            scroll: Cell::new(0),
            page: Cell::new(1),
            confirm: None,
            erasing: false,
            editing: false,
        })
    }

    fn load(number: VisitorNo, ctx: &mut Ctx<'_>) -> Option<Vec<Line>> {
        let (desk, login) = (ctx.desk?, ctx.login?);
        let loaded = desk.visitor_card(login, number).and_then(|card| {
            let today = mediation_today::today_lines(desk, login, number, ctx.lang)?;
            Ok((desk.spell_out(&card.data, ctx.lang)?, card, today))
        });
        match loaded {
            Ok((personal, card, today)) => Some(build(&card, &personal, &today, ctx)),
            Err(e) => {
                ctx.desk_error(&e);
                None
            }
        }
    }

    fn shown_number(&self) -> String {
        format_visitor_number(self.number)
    }

    fn export(&self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        if !login.may(Capability::ExportPersonal) {
            ctx.error(Msg::NotForRole.text(ctx.lang));
            return;
        }
        let lang = ctx.lang;
        let export = match desk.access_export(login, self.number, lang) {
            Ok(export) => export,
            Err(e) => {
                ctx.desk_error(&e);
                return;
            }
        };
        let folder = default_folder(ctx.config);
        match save_access_export(&folder, &export, lang, ctx.today) {
            Ok((json, txt)) => ctx.success(fill(
                Msg::CardExported,
                lang,
                &[
                    ("json", &json.display().to_string()),
                    ("text", &txt.display().to_string()),
                ],
            )),
            Err(e) => ctx.error(e.message(lang)),
        }
    }

    fn ask_erase(&mut self, ctx: &mut Ctx<'_>) {
        if !ctx.login.is_some_and(|l| l.may(Capability::Erase)) {
            ctx.error(Msg::NotForRole.text(ctx.lang));
            return;
        }
        let question = fill(
            Msg::CardEraseQuestion,
            ctx.lang,
            &[("number", &self.shown_number())],
        );
        self.confirm = Some((Confirm::destructive(ctx.lang, question), ()));
    }

    fn scroll_by(&self, delta: isize) {
        let now = self.scroll.get();
        self.scroll.set(now.saturating_add_signed(delta));
    }
}

impl Screen for VisitorCard {
    fn title(&self, lang: Lang) -> String {
        fill(Msg::CardTitle, lang, &[("number", &self.shown_number())])
    }

    fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Dialog
        } else {
            Mode::List
        }
    }

    fn hints(&self, login: Option<&Login>) -> Vec<Action> {
        if self.confirm.is_some() {
            return vec![Action::Yes, Action::No];
        }
        let may = |c| login.is_some_and(|l| l.may(c));
        let mut hints = Vec::new();
        if may(Capability::WritePersonal) {
            hints.push(Action::EditItem);
            hints.push(Action::MediationRequest);
        }
        if may(Capability::ExportPersonal) {
            hints.push(Action::Export);
        }
        if may(Capability::Erase) {
            hints.push(Action::Erase);
        }
        hints.extend([Action::Down, Action::Up, Action::Back, Action::Help]);
        hints
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::ReadPersonal)) {
            return Outcome::Back;
        }
        if self.erasing {
            return Outcome::Stay;
        }
        match ask(&mut self.confirm, action) {
            Asked::Yes(()) => {
                self.erasing = true;
                let number = self.shown_number();
                ctx.info(fill(Msg::CardErasing, ctx.lang, &[("number", &number)]));
                return Outcome::Stay;
            }
            Asked::Busy => return Outcome::Stay,
            Asked::NotAsking => {}
        }
        let page = self.page.get().max(1) as isize;
        match action {
            Action::Up => self.scroll_by(-1),
            Action::Down => self.scroll_by(1),
            Action::PageUp => self.scroll_by(-page),
            Action::PageDown => self.scroll_by(page),
            Action::First => self.scroll.set(0),
            Action::Last => self.scroll.set(usize::MAX),
            Action::EditItem => {
                if let Some(form) = navigation::edit_visitor(self.number, ctx) {
                    self.editing = true;
                    return Outcome::Push(form);
                }
            }
            Action::Export => self.export(ctx),
            Action::Erase => self.ask_erase(ctx),
            Action::MediationRequest => {
                let language = ctx
                    .desk
                    .zip(ctx.login)
                    .and_then(|(d, l)| d.mediators_for_visitor(l, self.number).ok())
                    .and_then(|found| found.into_iter().next())
                    .map(|(_, label, _)| label)
                    .unwrap_or_default();
                if let Some(form) = navigation::mediation_request(self.number, &language, ctx) {
                    return Outcome::Push(form);
                }
                ctx.error(Msg::NotForRole.text(ctx.lang));
            }
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn pending_work(&self) -> bool {
        self.erasing
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.erasing = false;
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        match desk.erase_visitor(login, self.number) {
            Ok(()) => {
                if let Some(index) = ctx.index.as_deref_mut() {
                    index.remove(self.number);
                }
                ctx.messages.clear();
                let number = self.shown_number();
                ctx.success(fill(Msg::CardErased, ctx.lang, &[("number", &number)]));
                Outcome::Back
            }
            Err(e) => {
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }

    /// The edit form closed: show what it saved.
    fn resumed(&mut self, ctx: &mut Ctx<'_>) {
        if std::mem::take(&mut self.editing)
            && let Some(lines) = Self::load(self.number, ctx)
        {
            let mut old = std::mem::replace(&mut self.lines, lines);
            wipe(&mut old);
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 1);
        let shown = layout(&self.lines, usize::from(area.width), &view.theme);
        let total = shown.len();
        let mut height = usize::from(area.height);
        // The last row tells where one is when the card does not fit.
        let scrolls = total > height;
        if scrolls {
            height = height.saturating_sub(1);
        }
        let top = self.scroll.get().min(total.saturating_sub(height));
        self.scroll.set(top);
        self.page.set(height.max(1));
        for (i, (line, style)) in shown.iter().skip(top).take(height).enumerate() {
            text(frame, row(area, i as u16), line, *style);
        }
        if scrolls {
            let last = (top + height).min(total);
            let position = fill(
                Msg::CardLines,
                lang,
                &[
                    ("from", &(top + 1).to_string()),
                    ("to", &last.to_string()),
                    ("total", &total.to_string()),
                ],
            );
            text(
                frame,
                row(area, height as u16),
                &position,
                view.theme.body.add_modifier(Modifier::DIM),
            );
        }
        if let Some((confirm, ())) = &self.confirm {
            confirm.render(frame, area);
        }
    }
}
