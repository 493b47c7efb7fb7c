//! The Hub's mapping of one model, as the CLI asks for it.

use hf_providers::{Client, Error, Expand, ProviderMapping, RepoId, Transport};

/// The model's current id (a renamed model's new one) and the Hub's mapping, as the Hub says
/// them now. Not `Client::model_providers`: its cache is of no use to one command (nor to a
/// watch, which wants each look fresh), and it loses the id.
pub fn mapping_of<T: Transport>(
    client: &Client<T>,
    id: &RepoId,
) -> Result<(RepoId, Vec<ProviderMapping>), Error> {
    let model = client.model_info(id, &[Expand::InferenceProviderMapping])?;
    let current = model.repo_id().unwrap_or_else(|| id.clone());
    Ok((
        current,
        model.inference_provider_mapping.unwrap_or_default(),
    ))
}
