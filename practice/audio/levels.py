"""How loud, how clipped and how noisy a recording is, in numbers a mic check can act on."""
from __future__ import annotations

import numpy as np

from practice.audio.activity import Activity, detect_activity
from practice.audio.pcm import Pcm

# Samples at or above this magnitude count as clipped (-0.09 dBFS; lossy codecs ring a little below 1.0).
CLIP_MAGNITUDE = 0.99

# Kim & Stern (2008) "Robust signal-to-noise ratio estimation based on waveform amplitude distribution
# analysis" (WADA-SNR): G(SNR) = log E|z| - E log|z| for Gamma(0.4)-distributed speech plus Gaussian noise,
# tabulated for SNR = -20 .. 100 dB in their reference MATLAB code (snreval).
WADA_SNR_DB = np.arange(-20, 101, dtype=np.float64)
WADA_G = np.array([
    0.40974774, 0.40986926, 0.40998566, 0.40969089, 0.40986186, 0.40999006, 0.41027138, 0.41052627,
    0.41101024, 0.41143264, 0.41231718, 0.41337272, 0.41526426, 0.4178192, 0.42077252, 0.42452799,
    0.42918886, 0.43510373, 0.44234195, 0.45161485, 0.46221153, 0.47491647, 0.48883809, 0.50509236,
    0.52353709, 0.54372088, 0.56532427, 0.58847532, 0.61346212, 0.63954496, 0.66750818, 0.69583724,
    0.72454762, 0.75414799, 0.78323148, 0.81240985, 0.84219775, 0.87166406, 0.90030504, 0.92880418,
    0.95655449, 0.9835349, 1.01047155, 1.0362095, 1.06136425, 1.08579312, 1.1094819, 1.13277995,
    1.15472826, 1.17627308, 1.19703503, 1.21671694, 1.23535898, 1.25364313, 1.27103891, 1.28718029,
    1.30302865, 1.31839527, 1.33294817, 1.34700935, 1.3605727, 1.37345513, 1.38577122, 1.39733504,
    1.40856397, 1.41959619, 1.42983624, 1.43958467, 1.44902176, 1.45804831, 1.46669568, 1.47486938,
    1.48269965, 1.49034339, 1.49748214, 1.50435106, 1.51076426, 1.51698915, 1.5229097, 1.528578,
    1.53389835, 1.5391211, 1.5439065, 1.54858517, 1.55310776, 1.55744391, 1.56164927, 1.56566348,
    1.56938671, 1.57307767, 1.57654764, 1.57980083, 1.58304129, 1.58602496, 1.58880681, 1.59162477,
    1.5941969, 1.59693155, 1.599446, 1.60185011, 1.60408668, 1.60627134, 1.60826199, 1.61004547,
    1.61192472, 1.61369656, 1.61534074, 1.61688905, 1.61838916, 1.61985374, 1.62135878, 1.62268119,
    1.62390423, 1.62513143, 1.62632463, 1.6274027, 1.62842767, 1.62945532, 1.6303307, 1.63128026,
    1.63204102,
])
_WADA_EPS = 1e-10  # the reference code's floor on |z| before the logarithm


def active_level_dbfs(pcm: Pcm, activity: Activity | None = None) -> float | None:
    """Mean power of the sounding frames (a simplified ITU-T P.56 active speech level); None if silent."""
    activity = activity or detect_activity(pcm)
    if not activity.any_sound:
        return None
    power = np.power(10.0, activity.level_dbfs[activity.active] / 10)
    return float(10 * np.log10(power.mean()))


# The measures below make no copy of the samples they need not: on this machine a 5-minute answer's copies
# (19 MB each in float32) cost Stop about 0.05 s of CPU apiece as fresh memory, beside the last segment's decode.

def peak_dbfs(pcm: Pcm) -> float | None:
    """Highest sample magnitude in dB re full scale; None for digital silence."""
    samples = pcm.samples
    peak = max(float(samples.max()), -float(samples.min())) if samples.size else 0.0
    return float(20 * np.log10(peak)) if peak > 0 else None


def clipped_ratio(pcm: Pcm) -> float:
    """Share of samples stuck at full scale, where the waveform was cut off."""
    samples = pcm.samples
    if samples.size == 0:
        return 0.0
    clipped = np.count_nonzero(samples >= CLIP_MAGNITUDE) + np.count_nonzero(samples <= -CLIP_MAGNITUDE)
    return float(clipped / samples.size)


def wada_snr_db(pcm: Pcm) -> float | None:
    """Blind SNR estimate from the amplitude distribution (Kim & Stern 2008); None for digital silence."""
    # In float32, summed in float64, in one working copy.
    magnitude = np.abs(np.asarray(pcm.samples, dtype=np.float32))
    peak = float(magnitude.max()) if magnitude.size else 0.0
    if peak <= 0:
        return None
    np.maximum(np.divide(magnitude, peak, out=magnitude), _WADA_EPS, out=magnitude)
    mean_magnitude = magnitude.mean(dtype=np.float64)
    g = np.log(max(_WADA_EPS, mean_magnitude)) - np.log(magnitude, out=magnitude).mean(dtype=np.float64)
    # G rises with SNR except for noise-level wobble in the first few entries; interpolate on the rising part.
    return float(np.interp(g, WADA_G[3:], WADA_SNR_DB[3:]))
