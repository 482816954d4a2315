pub fn render(_c: &casefile_model::CaseFile) -> String {
    String::new()
}
