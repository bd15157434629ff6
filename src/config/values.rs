//! The loosely typed values of clouds.yaml while they are layered, and how to read them
//! (PyYAML's booleans, numbers as strings, empty as unset).

use serde_json::{Map, Value};

pub(super) type Dict = Map<String, Value>;

/// A cloud's settings while they are being layered: top-level keys and the `auth` mapping.
#[derive(Debug, Clone, Default)]
pub(super) struct Layers {
    pub(super) top: Dict,
    pub(super) auth: Dict,
}

impl Layers {
    /// openstacksdk's `_auth_update`: top-level keys are replaced, `auth` merged key by key.
    pub(super) fn update(&mut self, over: &Dict) {
        for (k, v) in over {
            match (k.as_str(), v) {
                ("auth", Value::Object(o)) => {
                    for (ak, av) in o {
                        self.auth.insert(ak.clone(), av.clone());
                    }
                }
                _ => {
                    self.top.insert(k.clone(), v.clone());
                }
            }
        }
    }
}

pub(super) fn truthy(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false)) && v.as_str() != Some("")
}

pub(super) fn scalar_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(super) fn string(config: &Dict, key: &str) -> Option<String> {
    config.get(key).filter(|v| truthy(v)).map(scalar_string)
}

/// YAML 1.1 booleans (`yes`, `on`, ...) as PyYAML reads them, for the bool keys.
pub(super) fn boolean(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "y" => Some(true),
            "false" | "no" | "off" | "n" => Some(false),
            _ => None,
        },
        _ => None,
    }
}
