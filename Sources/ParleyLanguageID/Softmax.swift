internal import Foundation

/// Probabilities from log-odds: each `exp(value - max)` over their sum (the shift keeps `exp` in range). Used by the
/// detector for a message's guesses and by the conversation tracker for its decision.
func softmax(_ values: [Double]) -> [Double] {
    let top = values.max() ?? 0
    var weights = values.map { exp($0 - top) }
    let sum = weights.reduce(0, +)
    for index in weights.indices { weights[index] /= sum }
    return weights
}
