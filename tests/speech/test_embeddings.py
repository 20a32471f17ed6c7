"""The numpy MiniLM gives the published model's vectors, and refuses files that are not the published ones."""
import numpy as np
import pytest

from practice.speech.embeddings import EmbeddingModelError, get_encoder, verify_file

# sentence-transformers' mean-pooled, normalised all-MiniLM-L6-v2 vector (first 5 of 384), computed with
# transformers 5.24 + torch 2.13 on the same safetensors file; it matches the model card's example output.
EXAMPLE_SENTENCE = "This is an example sentence"
EXAMPLE_START = [0.0676569, 0.0634959, 0.0487132, 0.0793050, 0.0374480]
EXAMPLE_PAIR_COSINE = 0.40456  # with "Each sentence is converted"


def test_encoder_reproduces_the_reference_vectors():
    vectors = get_encoder().encode([EXAMPLE_SENTENCE, "Each sentence is converted"])
    assert vectors.shape == (2, 384)
    assert np.allclose(vectors[0, :5], EXAMPLE_START, atol=5e-4)
    assert float(vectors[0] @ vectors[1]) == pytest.approx(EXAMPLE_PAIR_COSINE, abs=1e-3)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batching_by_length_does_not_change_a_vector():
    texts = ["Hi.", "I like helping people solve their problems on the phone every day.", EXAMPLE_SENTENCE]
    together = get_encoder().encode(texts)
    alone = np.vstack([get_encoder().encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_no_texts_give_an_empty_matrix():
    assert get_encoder().encode([]).shape == (0, 384)


def test_a_file_with_another_checksum_is_refused(tmp_path):
    fake = tmp_path / "model.safetensors"
    fake.write_bytes(b"not the model")
    with pytest.raises(EmbeddingModelError, match="model.safetensors has SHA-256 .* expected 53aa5117"):
        verify_file(fake, "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db")


def test_the_catalogue_vectors_the_tests_read_back_are_the_models_own(content_vectors):
    from practice.content import catalog_content_texts

    texts = catalog_content_texts()[::97]
    read_back = content_vectors.encode(texts)
    assert np.allclose(read_back, type(content_vectors).encode(content_vectors, texts), atol=1e-5)
