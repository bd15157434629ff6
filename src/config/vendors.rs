//! openstacksdk's bundled vendor profiles (`openstack/config/vendors/`), embedded as data
//! and parsed on demand: only the profile a cloud names is ever parsed.

use serde_json::Value;

use super::values::Dict;

/// Each bundled profile: its name and the text of its `{name, profile}` file.
pub(super) const BUNDLED: [(&str, &str); 25] = [
    ("auro", include_str!("vendors/auro.json")),
    ("betacloud", include_str!("vendors/betacloud.json")),
    ("binero", include_str!("vendors/binero.json")),
    ("bluebox", include_str!("vendors/bluebox.json")),
    ("catalyst", include_str!("vendors/catalyst.json")),
    ("citycloud", include_str!("vendors/citycloud.json")),
    ("conoha", include_str!("vendors/conoha.json")),
    ("dreamcompute", include_str!("vendors/dreamcompute.json")),
    ("elastx", include_str!("vendors/elastx.json")),
    (
        "entercloudsuite",
        include_str!("vendors/entercloudsuite.json"),
    ),
    ("fuga", include_str!("vendors/fuga.json")),
    ("ibmcloud", include_str!("vendors/ibmcloud.json")),
    ("internap", include_str!("vendors/internap.json")),
    (
        "limestonenetworks",
        include_str!("vendors/limestonenetworks.yaml"),
    ),
    ("otc", include_str!("vendors/otc.json")),
    ("otc-swiss", include_str!("vendors/otc-swiss.json")),
    ("ovh", include_str!("vendors/ovh.json")),
    ("ovh-us", include_str!("vendors/ovh-us.json")),
    ("rackspace", include_str!("vendors/rackspace.json")),
    ("switchcloud", include_str!("vendors/switchcloud.json")),
    ("switchengines", include_str!("vendors/switchengines.json")),
    ("ultimum", include_str!("vendors/ultimum.json")),
    ("unitedstack", include_str!("vendors/unitedstack.json")),
    ("vexxhost", include_str!("vendors/vexxhost.json")),
    ("zetta", include_str!("vendors/zetta.json")),
];

/// Is there a bundled profile `name`? (Without parsing it.)
pub(super) fn is_bundled(name: &str) -> bool {
    BUNDLED.iter().any(|(n, _)| *n == name)
}

/// The `profile` mapping of the bundled profile `name`, if there is one.
pub(super) fn bundled(name: &str) -> Option<Dict> {
    let (_, text) = BUNDLED.iter().find(|(n, _)| *n == name)?;
    // The files are JSON but one, which is YAML.
    let doc: Value = serde_json::from_str(text)
        .ok()
        .or_else(|| serde_yaml::from_str(text).ok())?;
    doc.get("profile")?.as_object().cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_profile_parses_and_is_named_for_its_file() {
        for (name, text) in BUNDLED {
            let doc: Value = serde_yaml::from_str(text).unwrap();
            assert!(doc["profile"].is_object(), "{name}");
            assert_eq!(doc["name"].as_str(), Some(name));
            assert!(bundled(name).is_some(), "{name}");
        }
        assert_eq!(bundled("nosuch"), None);
        assert!(is_bundled("citycloud") && !is_bundled("nosuch"));
    }
}
