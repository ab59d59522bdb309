//! `attrib schema` and real outputs validated against it. The validator below implements the
//! JSON Schema keywords the generated schema uses ($ref, type, properties, required, items,
//! enum, anyOf/oneOf/allOf, minimum, additionalProperties), and fails on any other keyword, so
//! that a schema change cannot silently escape validation.

use assert_cmd::Command;
use serde_json::Value;

pub(crate) fn validate(schema: &Value, root: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            errors.push(format!("{path}: not allowed"));
        }
        return;
    };
    for (k, s) in obj {
        match k.as_str() {
            "$ref" => {
                let name = s.as_str().unwrap().trim_start_matches("#/$defs/");
                validate(&root["$defs"][name], root, v, path, errors);
            }
            "type" => {
                let types: Vec<&str> = match s {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(a) => a.iter().map(|t| t.as_str().unwrap()).collect(),
                    _ => unreachable!(),
                };
                let ok = types.iter().any(|t| match *t {
                    "string" => v.is_string(),
                    "integer" => v.is_i64() || v.is_u64(),
                    "number" => v.is_number(),
                    "boolean" => v.is_boolean(),
                    "array" => v.is_array(),
                    "object" => v.is_object(),
                    "null" => v.is_null(),
                    other => panic!("unknown type {other}"),
                });
                if !ok {
                    errors.push(format!("{path}: expected {types:?}, found {v}"));
                }
            }
            "properties" => {
                if let Some(o) = v.as_object() {
                    for (pk, ps) in s.as_object().unwrap() {
                        if let Some(pv) = o.get(pk) {
                            validate(ps, root, pv, &format!("{path}.{pk}"), errors);
                        }
                    }
                    if obj.get("additionalProperties") == Some(&Value::Bool(false)) {
                        for key in o.keys() {
                            if !s.as_object().unwrap().contains_key(key) {
                                errors.push(format!("{path}: unexpected property {key}"));
                            }
                        }
                    }
                }
            }
            "required" => {
                if let Some(o) = v.as_object() {
                    for r in s.as_array().unwrap() {
                        if !o.contains_key(r.as_str().unwrap()) {
                            errors.push(format!("{path}: missing {r}"));
                        }
                    }
                }
            }
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, item) in a.iter().enumerate() {
                        validate(s, root, item, &format!("{path}[{i}]"), errors);
                    }
                }
            }
            "enum" => {
                if !s.as_array().unwrap().contains(v) {
                    errors.push(format!("{path}: {v} not in {s}"));
                }
            }
            "const" => {
                if s != v {
                    errors.push(format!("{path}: {v} is not {s}"));
                }
            }
            "anyOf" | "oneOf" => {
                let matching = s
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|alt| {
                        let mut e = Vec::new();
                        validate(alt, root, v, path, &mut e);
                        e.is_empty()
                    })
                    .count();
                if matching == 0 || (k == "oneOf" && matching > 1) {
                    errors.push(format!("{path}: {k} matched {matching} alternatives"));
                }
            }
            "allOf" => {
                for alt in s.as_array().unwrap() {
                    validate(alt, root, v, path, errors);
                }
            }
            "minimum" => {
                if v.as_f64().is_some_and(|x| x < s.as_f64().unwrap()) {
                    errors.push(format!("{path}: {v} below {s}"));
                }
            }
            "maximum" => {
                if v.as_f64().is_some_and(|x| x > s.as_f64().unwrap()) {
                    errors.push(format!("{path}: {v} above {s}"));
                }
            }
            "$schema" | "title" | "description" | "$defs" | "format" | "additionalProperties" | "default" => {}
            other => panic!("the schema uses {other:?}, which this validator does not implement"),
        }
    }
}

fn run(args: &[&str]) -> Value {
    let out = Command::cargo_bin("attrib").unwrap().args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c == 0 || c == 2), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn real_reports_validate_against_the_schema() {
    let schema = run(&["schema"]);
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let root = env!("CARGO_MANIFEST_DIR");
    for input in ["fixtures/articles", "fixtures/scenarios", "fixtures/ingest", "fixtures/datasets/core"] {
        let report = run(&["analyze", "--format", "json", "--no-config", &format!("{root}/{input}")]);
        let mut errors = Vec::new();
        validate(&schema, &schema, &report, "$", &mut errors);
        assert!(
            errors.is_empty(),
            "{input}: {} schema errors, first: {:?}",
            errors.len(),
            &errors[..errors.len().min(5)]
        );
    }
}

#[test]
fn the_validator_catches_a_broken_report() {
    let schema = run(&["schema"]);
    let mut report = run(&[
        "analyze",
        "--format",
        "json",
        "--no-config",
        concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles/anonymous64-taiwan.txt"),
    ]);
    report["claims"][0]["span"]["line"] = Value::String("one".into());
    report.as_object_mut().unwrap().remove("documents");
    let mut errors = Vec::new();
    validate(&schema, &schema, &report, "$", &mut errors);
    assert!(errors.iter().any(|e| e.contains("missing \"documents\"")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("$.claims[0].span.line")), "{errors:?}");
}
