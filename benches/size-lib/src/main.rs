//! The four questions for the model given as the only argument: which models providers serve,
//! whether it is warm, which providers serve it, and which one to call.
use hf_providers::{Client, ListModels, Needs, Policy};

fn main() -> Result<(), hf_providers::Error> {
    let id = std::env::args().nth(1).unwrap_or_default();
    let client = Client::from_env()?;
    for model in client.list_models(&ListModels::new().any_inference_provider().limit(5)) {
        println!("{}", model?.id);
    }
    println!("warm: {}", client.model_status(&id)?.is_some());
    for p in client.model_providers(&id)? {
        println!("{}\t{}\t{}", p.provider, p.status, p.provider_id);
    }
    let decision = client.choose(&id, &Policy::Auto, &Needs::new())?;
    println!("{}", decision.route().unwrap_or_default());
    Ok(())
}
