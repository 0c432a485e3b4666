func.func public @main(%x: tensor<4096x4096xf32>) -> tensor<4096xf32> {
  %ninf = "stablehlo.constant"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>
  %max = "stablehlo.reduce"(%x, %ninf) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = "stablehlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%r) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 1>} : (tensor<4096x4096xf32>, tensor<f32>) -> tensor<4096xf32>
  "func.return"(%max) : (tensor<4096xf32>) -> ()
}
