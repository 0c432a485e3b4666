func.func public @main(%x: tensor<4096x4096xf32>) -> tensor<4096xf32> {
  %ninf = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
  %zero = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
  %max = "stablehlo.reduce"(%x, %ninf) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%r) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 1>} : (tensor<4096x4096xf32>, tensor<f32>) -> tensor<4096xf32>
  %maxb = "stablehlo.broadcast_in_dim"(%max) <{broadcast_dimensions = array<i64: 0>}> : (tensor<4096xf32>) -> tensor<4096x4096xf32>
  %d = "stablehlo.subtract"(%x, %maxb) : (tensor<4096x4096xf32>, tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
  %e = "stablehlo.exponential"(%d) : (tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
  %sum = "stablehlo.reduce"(%e, %zero) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%r) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 1>} : (tensor<4096x4096xf32>, tensor<f32>) -> tensor<4096xf32>
  %l = "stablehlo.log"(%sum) : (tensor<4096xf32>) -> tensor<4096xf32>
  %r = "stablehlo.add"(%l, %max) : (tensor<4096xf32>, tensor<4096xf32>) -> tensor<4096xf32>
  "func.return"(%r) : (tensor<4096xf32>) -> ()
}
