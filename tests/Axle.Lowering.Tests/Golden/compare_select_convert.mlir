module @compare_select_convert {
  func.func public @main(%arg0: tensor<4xf64>, %arg1: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xui32>, tensor<2x2xi1>) {
    %0 = "stablehlo.compare"(%arg0, %arg1) {comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type FLOAT>} : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xi1>
    %1 = "stablehlo.select"(%0, %arg0, %arg1) : (tensor<4xi1>, tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
    %2 = "stablehlo.convert"(%1) : (tensor<4xf64>) -> tensor<4xui32>
    %3 = "stablehlo.constant"() {value = dense<[[true, false], [false, true]]> : tensor<2x2xi1>} : () -> tensor<2x2xi1>
    %4:2 = "stablehlo.optimization_barrier"(%1, %2) : (tensor<4xf64>, tensor<4xui32>) -> (tensor<4xf64>, tensor<4xui32>)
    "func.return"(%4#0, %4#1, %3) : (tensor<4xf64>, tensor<4xui32>, tensor<2x2xi1>) -> ()
  }
}
