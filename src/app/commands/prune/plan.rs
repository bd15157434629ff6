//! The plan: compact candidates gathered page by page (the listing's [`Sink`]), and the
//! pure rule that keeps the newest of each name or group.

use super::*;

/// The candidates of each target, in the targets' order: what the plan needs of each
/// selected image and nothing more, so that a large cloud stays small. An image without a
/// name, whose name `group_by` does not match, or without a readable `created` is left out
/// (and counted), and so is an image the listing repeats (the first of its appearances
/// stays).
#[derive(Default)]
pub(super) struct Candidates {
    pub(super) targets: Vec<(Option<Arc<Place>>, Vec<Candidate>)>,
    /// `--group-by`: the pattern whose capture is each name's group key.
    pub(super) group_by: Option<NamePattern>,
    pub(super) unnamed: usize,
    pub(super) ungrouped: usize,
    pub(super) undated: usize,
    pub(super) repeated: usize,
}

impl Sink for Candidates {
    fn page(
        &mut self,
        _: &mut Printer,
        place: Option<&Arc<Place>>,
        images: Vec<Image>,
    ) -> Result<()> {
        let place = place.cloned();
        if self.targets.last().is_none_or(|(p, _)| *p != place) {
            self.close_target();
            self.targets.push((place, Vec::new()));
        }
        for image in images {
            self.add(image);
        }
        Ok(())
    }
}

impl Candidates {
    pub(super) fn add(&mut self, image: Image) {
        let Some(name) = image.name.filter(|n| !n.trim().is_empty()) else {
            self.unnamed += 1;
            return;
        };
        // The whole name is its group, unless --group-by says which part of it is.
        let group = match &self.group_by {
            None => 0..name.len(),
            Some(pattern) => match pattern.group_key(&name) {
                Some(group) => group,
                None => {
                    self.ungrouped += 1;
                    return;
                }
            },
        };
        let Some((created, at)) = image.created.and_then(|c| created_at(&c).map(|at| (c, at)))
        else {
            self.undated += 1;
            return;
        };
        if let Some((_, candidates)) = self.targets.last_mut() {
            let active = image.status == "ACTIVE";
            let candidate = Candidate::new(&image.id, &name, &created, at, active);
            candidates.push(candidate.grouped_by(group));
        }
    }

    /// After a target's last page: the repeats of its listing are left out. Sorting by ID
    /// finds them without a set of every ID seen; the sort is stable, so the first
    /// appearance stays.
    pub(super) fn close_target(&mut self) {
        if let Some((_, candidates)) = self.targets.last_mut() {
            candidates.sort_by(|a, b| a.id().cmp(b.id()));
            let listed = candidates.len();
            candidates.dedup_by(|later, first| later.id() == first.id());
            self.repeated += listed - candidates.len();
            candidates.shrink_to_fit();
        }
    }

    /// What was left out, on stderr.
    pub(super) fn report(&self, printer: &Printer) {
        if self.unnamed > 0 {
            printer.diag().notice(&format!(
                "{} selected images have no name: they are never pruned",
                self.unnamed
            ));
        }
        if self.ungrouped > 0 {
            printer.diag().notice(&format!(
                "{} selected images have names --group-by does not match: they are never pruned",
                self.ungrouped
            ));
        }
        if self.undated > 0 {
            printer.diag().warn(&format!(
                "{} selected images have no readable creation time: they are never pruned",
                self.undated
            ));
        }
        if self.repeated > 0 {
            printer.diag().warn(&format!(
                "the listing repeated {} images: each is planned once",
                self.repeated
            ));
        }
    }
}
/// An image the selection chose: what the plan needs of it and nothing more, so that
/// walking a large cloud stays small. Its ID, name and `created` share one allocation; its
/// group key is a part of its name, so it takes no text of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    /// The ID, the name, then `created` as the server wrote it.
    pub(super) text: Box<str>,
    /// Where the name starts in `text`.
    pub(super) name_at: u32,
    /// Where `created` starts in `text`.
    pub(super) created_at: u32,
    /// Where the group key starts and ends in `text` (the whole name by default).
    pub(super) group: (u32, u32),
    /// `created` as an instant.
    pub(super) at: Timestamp,
    /// Its status is ACTIVE: only a usable image fills a keep slot.
    pub(super) active: bool,
}

impl Candidate {
    pub(super) fn new(id: &str, name: &str, created: &str, at: Timestamp, active: bool) -> Self {
        let mut text = String::with_capacity(id.len() + name.len() + created.len());
        for part in [id, name, created] {
            text.push_str(part);
        }
        // A server's page is at most 256 MiB (the body cap), so each offset fits; saturating
        // all the same, never a panic.
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Candidate {
            text: text.into_boxed_str(),
            name_at: offset(id.len()),
            created_at: offset(id.len() + name.len()),
            group: (offset(id.len()), offset(id.len() + name.len())),
            at,
            active,
        }
    }

    /// Its group key is `range` of its name (byte offsets, as [`NamePattern::group_key`]
    /// gives them) instead of the whole name.
    pub(super) fn grouped_by(mut self, range: Range<usize>) -> Self {
        let start = self.name_at as usize;
        let at = |n: usize| u32::try_from(start.saturating_add(n)).unwrap_or(u32::MAX);
        self.group = (at(range.start), at(range.end));
        self
    }

    pub(super) fn id(&self) -> &str {
        self.text.get(..self.name_at as usize).unwrap_or_default()
    }

    pub(super) fn name(&self) -> &str {
        (self.text)
            .get(self.name_at as usize..self.created_at as usize)
            .unwrap_or_default()
    }

    pub(super) fn created(&self) -> &str {
        self.text
            .get(self.created_at as usize..)
            .unwrap_or_default()
    }

    /// The key of its group: the name, or the part `--group-by` captured.
    pub(super) fn group(&self) -> &str {
        let (start, end) = self.group;
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }
}

/// What the plan does with an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    Keep,
    Delete,
}

impl Action {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Action::Keep => "keep",
            Action::Delete => "delete",
        }
    }
}

/// An image of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Planned {
    pub(super) image: Candidate,
    pub(super) action: Action,
}

/// How the plan is made.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rules {
    /// Images kept in each group (of one name, or of one `--group-by` key).
    pub(super) keep: usize,
    /// Only images older than this are deleted.
    pub(super) older_than: Option<Duration>,
    /// Any image fills a keep slot, not only ACTIVE ones (`--keep-any-status`).
    pub(super) any_status: bool,
}

impl Rules {
    pub(super) fn from_args(args: &PruneArgs) -> Self {
        Rules {
            keep: args.keep as usize,
            older_than: args.older_than,
            any_status: args.keep_any_status,
        }
    }
}

/// The plan, sorted by group (the name, or its `--group-by` key), then newest first
/// (created, then ID, higher first). In each group the newest `keep` ACTIVE images are
/// kept (any image with `any_status`), and so is every image newer than the last of them:
/// an image still saving, or broken, never takes the place of a usable one. Of the others,
/// those created before `now - older_than` (all of them without `older_than`) are deleted,
/// the rest kept.
pub(super) fn plan(mut images: Vec<Candidate>, rules: &Rules, now: SystemTime) -> Vec<Planned> {
    // Newest first in the library's one order (the reverse of `age_order`).
    images.sort_by(|a, b| {
        (a.group().cmp(b.group()))
            .then_with(|| age_order((Some(b.at), b.id()), (Some(a.at), a.id())))
    });
    let now = crate::time::timestamp(now);
    // An age reaching before the earliest time there is: nothing is that old.
    let cutoff =
        (rules.older_than).map(|age| crate::time::before(now, age).unwrap_or(Timestamp::MIN));
    let mut planned: Vec<Planned> = Vec::with_capacity(images.len());
    let mut kept = 0;
    for image in images {
        let same_group = planned
            .last()
            .is_some_and(|p| p.image.group() == image.group());
        if !same_group {
            kept = 0;
        }
        let counts = rules.any_status || image.active;
        let old_enough = cutoff.is_none_or(|cutoff| image.at < cutoff);
        let action = if kept >= rules.keep && old_enough {
            Action::Delete
        } else {
            Action::Keep
        };
        if counts {
            kept += 1;
        }
        planned.push(Planned { image, action });
    }
    planned
}

/// A creation time as the library reads it ([`crate::time::parse_timestamp`]): out-of-range
/// fields or any other nonsense are unreadable (`None`), so never pruned and no keep slot.
pub(super) fn created_at(text: &str) -> Option<Timestamp> {
    crate::time::parse_timestamp(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn image(id: &str, name: &str, at: i64) -> Candidate {
        let created = format!("@{at}");
        Candidate::new(
            id,
            name,
            &created,
            Timestamp::from_second(at).unwrap(),
            true,
        )
    }

    fn rules(keep: usize, older_than: Option<u64>) -> Rules {
        Rules {
            keep,
            older_than: older_than.map(Duration::from_secs),
            any_status: false,
        }
    }

    #[test]
    fn only_active_images_fill_keep_slots_and_newer_others_are_kept() {
        let mut images = vec![
            image("s3", "x", 70),
            image("s2", "x", 60),
            image("s1", "x", 50),
            image("a4", "x", 40),
            image("a3", "x", 30),
            image("a2", "x", 20),
            image("a1", "x", 10),
        ];
        for saving in &mut images[..3] {
            saving.active = false;
        }
        let want = ids(&[
            ("s3", "keep"),
            ("s2", "keep"),
            ("s1", "keep"),
            ("a4", "keep"),
            ("a3", "keep"),
            ("a2", "keep"),
            ("a1", "delete"),
        ]);
        assert_eq!(shown(&plan(images.clone(), &rules(3, None), at(100))), want);
        let any = Rules {
            any_status: true,
            ..rules(3, None)
        };
        let planned = plan(images, &any, at(100));
        assert_eq!(shown(&planned)[3], ("a4".to_owned(), "delete"));
    }

    fn shown(planned: &[Planned]) -> Vec<(String, &'static str)> {
        (planned.iter())
            .map(|p| (p.image.id().to_owned(), p.action.as_str()))
            .collect()
    }

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    fn ids(pairs: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        pairs.iter().map(|(id, a)| ((*id).to_owned(), *a)).collect()
    }

    #[test]
    fn each_name_keeps_its_newest() {
        let images = vec![
            image("b1", "b", 10),
            image("a1", "a", 10),
            image("a3", "a", 30),
            image("b2", "b", 20),
            image("a2", "a", 20),
            image("c1", "c", 5),
        ];
        let planned = plan(images, &rules(1, None), at(100));
        assert_eq!(
            shown(&planned),
            ids(&[
                ("a3", "keep"),
                ("a2", "delete"),
                ("a1", "delete"),
                ("b2", "keep"),
                ("b1", "delete"),
                ("c1", "keep"),
            ])
        );
    }

    /// `image`, grouped by what `pattern` captures of its name.
    fn grouped(id: &str, name: &str, at: i64, pattern: &str) -> Candidate {
        let key = NamePattern::new(pattern).unwrap().group_key(name).unwrap();
        image(id, name, at).grouped_by(key)
    }

    #[test]
    fn a_group_key_keeps_the_newest_of_each_group_across_names() {
        let by = r"^(ci-build)-\d{8}|^(nightly)";
        let images = vec![
            grouped("b1", "ci-build-20240601-1", 10, by),
            grouped("b3", "ci-build-20240602-1", 30, by),
            grouped("b2", "ci-build-20240601-2", 20, by),
            grouped("b4", "ci-build-20240603-7", 40, by),
            // The second alternative: its first group is empty, so it is the "" group.
            grouped("n1", "nightly-1", 50, by),
            grouped("n2", "nightly-2", 60, by),
            grouped("a1", "ci-build-20240601-1-alt", 5, r"^ci-build-\d{8}"),
        ];
        assert_eq!(
            (images.iter()).map(|c| c.group()).collect::<Vec<_>>(),
            [
                "ci-build",
                "ci-build",
                "ci-build",
                "ci-build",
                "",
                "",
                "ci-build-20240601"
            ]
        );
        let planned = plan(images, &rules(2, None), at(100));
        assert_eq!(
            shown(&planned),
            ids(&[
                ("n2", "keep"),
                ("n1", "keep"),
                ("b4", "keep"),
                ("b3", "keep"),
                ("b2", "delete"),
                ("b1", "delete"),
                ("a1", "keep"),
            ])
        );
    }

    #[test]
    fn a_group_key_is_a_part_of_the_name_and_the_name_by_default() {
        let at = Timestamp::from_second(0).unwrap();
        let c = Candidate::new("id-1", "ü-名前-2", "2024", at, true);
        assert_eq!(c.group(), "ü-名前-2");
        let key = NamePattern::new("-(名前)-").unwrap().group_key(c.name());
        let c = c.grouped_by(key.unwrap());
        assert_eq!((c.id(), c.name(), c.group()), ("id-1", "ü-名前-2", "名前"));
        let c = c.grouped_by(0..0);
        assert_eq!((c.name(), c.group(), c.created()), ("ü-名前-2", "", "2024"));
    }

    #[test]
    fn names_group_by_does_not_match_are_left_out_and_counted() {
        let mut sink = Candidates {
            group_by: Some(NamePattern::new(r"^(ci)-\d+$").unwrap()),
            ..Candidates::default()
        };
        sink.targets.push((None, Vec::new()));
        for (id, name, created) in [
            ("1", Some("ci-1"), "2024-01-01T00:00:00Z"),
            ("2", Some("ci-x"), "2024-01-01T00:00:00Z"),
            ("3", Some("ci-2"), "nonsense"),
            ("4", None, "2024-01-01T00:00:00Z"),
            ("5", Some("ci-3"), "2024-01-01T00:00:00Z"),
        ] {
            let image: Image = serde_json::from_value(serde_json::json!({
                "id": id, "name": name, "created": created, "status": "ACTIVE"
            }))
            .unwrap();
            sink.add(image);
        }
        let kept: Vec<(&str, &str)> = (sink.targets[0].1.iter())
            .map(|c| (c.id(), c.group()))
            .collect();
        assert_eq!(kept, [("1", "ci"), ("5", "ci")]);
        assert_eq!((sink.ungrouped, sink.undated, sink.unnamed), (1, 1, 1));
    }

    #[test]
    fn ties_in_created_are_broken_by_id_higher_first() {
        let images = vec![
            image("0002", "x", 50),
            image("0003", "x", 50),
            image("0001", "x", 50),
        ];
        assert_eq!(
            shown(&plan(images, &rules(2, None), at(100))),
            ids(&[("0003", "keep"), ("0002", "keep"), ("0001", "delete")])
        );
    }

    #[test]
    fn keep_zero_deletes_every_image_old_enough() {
        let images = vec![image("1", "x", 10), image("2", "x", 20)];
        assert_eq!(
            shown(&plan(images.clone(), &rules(0, None), at(100))),
            ids(&[("2", "delete"), ("1", "delete")])
        );
        assert_eq!(
            shown(&plan(images, &rules(0, Some(85)), at(100))),
            ids(&[("2", "keep"), ("1", "delete")])
        );
        assert!(plan(Vec::new(), &rules(0, None), at(100)).is_empty());
    }

    #[test]
    fn older_than_is_strict_and_never_touches_the_newest() {
        // now 1000, age 100: created before 900 is older.
        let images = vec![
            image("4", "x", 950),
            image("3", "x", 901),
            image("2", "x", 900),
            image("1", "x", 899),
            image("0", "x", 10),
        ];
        let planned = plan(images, &rules(1, Some(100)), at(1000));
        assert_eq!(
            shown(&planned),
            ids(&[
                ("4", "keep"),
                ("3", "keep"),
                ("2", "keep"),
                ("1", "delete"),
                ("0", "delete"),
            ])
        );
        // The newest is kept however old.
        let old = vec![image("1", "x", 10), image("2", "x", 20)];
        assert_eq!(
            shown(&plan(old, &rules(1, Some(1)), at(1000))),
            ids(&[("2", "keep"), ("1", "delete")])
        );
        // An age beyond the epoch deletes nothing, created in the future neither.
        let future = vec![image("1", "x", 5000), image("2", "x", 6000)];
        assert_eq!(
            shown(&plan(future, &rules(0, Some(10)), at(1000))),
            ids(&[("2", "keep"), ("1", "keep")])
        );
        let far = vec![image("1", "x", -5)];
        assert_eq!(
            shown(&plan(far, &rules(0, Some(u64::MAX)), at(1000))),
            ids(&[("1", "keep")])
        );
    }

    #[test]
    fn creation_times_are_instants_and_nonsense_is_unreadable() {
        let base = Timestamp::from_second(1_704_067_200).unwrap(); // 2024-01-01T00:00:00Z
        assert_eq!(created_at("2024-01-01T02:00:00+02:00"), Some(base));
        assert_eq!(created_at("2024-01-01T00:00:00Z"), Some(base));
        assert_eq!(created_at("2024-02-30T25:61:61Z"), None);
        assert_eq!(created_at("yesterday"), None);
    }

    #[test]
    fn sub_second_differences_order_the_plan() {
        let mut a = image("a", "x", 0);
        let mut b = image("b", "x", 0);
        a.at = created_at("2024-01-01T00:00:00.7Z").unwrap();
        b.at = created_at("2024-01-01T00:00:00.2Z").unwrap();
        assert_eq!(
            shown(&plan(vec![b, a], &rules(1, None), at(2_000_000_000))),
            ids(&[("a", "keep"), ("b", "delete")])
        );
    }

    #[test]
    fn a_candidate_keeps_its_three_texts_in_one() {
        let at = Timestamp::from_second(0).unwrap();
        let c = Candidate::new("7c1e-ü", "名前 x", "2024-01-01T00:00:00Z", at, false);
        assert_eq!(
            (c.id(), c.name(), c.created()),
            ("7c1e-ü", "名前 x", "2024-01-01T00:00:00Z")
        );
        let empty = Candidate::new("", "n", "", at, true);
        assert_eq!((empty.id(), empty.name(), empty.created()), ("", "n", ""));
    }

    #[test]
    fn a_repeated_id_is_planned_once_as_it_first_came() {
        let mut sink = Candidates::default();
        sink.targets.push((None, Vec::new()));
        let listed = [
            ("b", "x", 1),
            ("a", "x", 2),
            ("b", "y", 3),
            ("c", "x", 4),
            ("a", "z", 5),
        ];
        for (id, name, at) in listed {
            sink.targets[0].1.push(image(id, name, at));
        }
        sink.close_target();
        let kept: Vec<(&str, &str)> = (sink.targets[0].1.iter())
            .map(|c| (c.id(), c.name()))
            .collect();
        assert_eq!(kept, [("a", "x"), ("b", "x"), ("c", "x")]);
        assert_eq!(sink.repeated, 2);
    }
}
