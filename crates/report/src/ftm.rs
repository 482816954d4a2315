//! FollowTheMoney entities as JSON lines, so that a case loads into Aleph-style tools: Person,
//! Organization, Event (with its involved entities, organisers and place), and Membership for
//! affiliations. Ids are the case file's ids prefixed with the case name.

use casefile_model::{CaseFile, EntityKind, ParticipantRole};
use serde_json::{json, Value};

pub fn render(case: &CaseFile) -> String {
    let prefix = |id: &str| {
        format!(
            "casefile-{}-{id}",
            case.case.replace(|c: char| !c.is_alphanumeric(), "-")
        )
    };
    let mut lines: Vec<Value> = Vec::new();
    for e in &case.entities {
        let schema = match e.kind {
            EntityKind::Person => "Person",
            EntityKind::Organization => "Organization",
            EntityKind::Place => "Address",
            _ => continue,
        };
        let mut props = serde_json::Map::new();
        if schema == "Address" {
            props.insert("full".into(), json!([e.name]));
        } else {
            props.insert("name".into(), json!([e.name]));
            if !e.aliases.is_empty() {
                props.insert("alias".into(), json!(e.aliases));
            }
        }
        let notes: Vec<String> = e
            .roles
            .iter()
            .map(|r| format!("role in the case: {r}"))
            .collect();
        if !notes.is_empty() {
            props.insert("notes".into(), json!(notes));
        }
        lines.push(json!({"id": prefix(&e.id), "schema": schema, "properties": props}));
        // affiliations: Membership links
        for a in e.attributes.iter().filter(|a| a.name == "affiliation") {
            if let Some(org) = case.entities.iter().find(|o| {
                o.kind == EntityKind::Organization
                    && (o.name == a.value || o.aliases.contains(&a.value))
            }) {
                lines.push(json!({
                    "id": prefix(&format!("{}-member-of-{}", e.id, org.id)),
                    "schema": "Membership",
                    "properties": {"member": [prefix(&e.id)], "organization": [prefix(&org.id)]}
                }));
            }
        }
    }
    for ev in &case.events {
        let mut props = serde_json::Map::new();
        props.insert("name".into(), json!([ev.label]));
        props.insert(
            "summary".into(),
            json!([format!(
                "{} ({} independent sources)",
                ev.r#type.words(),
                ev.origins.len()
            )]),
        );
        if let Some(d) = &ev.date {
            props.insert("date".into(), json!([d.value]));
        }
        if let Some(p) = ev.place.as_ref().and_then(|p| case.entity(p)) {
            props.insert("location".into(), json!([p.name]));
        }
        let involved: Vec<String> = ev.participants.iter().map(|p| prefix(&p.entity)).collect();
        if !involved.is_empty() {
            props.insert("involved".into(), json!(involved));
        }
        let organizers: Vec<String> = ev
            .participants
            .iter()
            .filter(|p| p.role == ParticipantRole::Perpetrator || p.role == ParticipantRole::Agent)
            .map(|p| prefix(&p.entity))
            .collect();
        if !organizers.is_empty() {
            props.insert("organizer".into(), json!(organizers));
        }
        lines.push(json!({"id": prefix(&ev.id), "schema": "Event", "properties": props}));
    }
    let mut out = String::new();
    for l in lines {
        out.push_str(&l.to_string());
        out.push('\n');
    }
    out
}
